import { parseArgs } from 'node:util'
import { withCore } from './load-config.js'
import { environmentLanguage } from './cli-language.js'
import { cliTexts } from './cli-texts.js'

/** `qonto-reconcile reconcile --auto [--config FILE]`: applies every unambiguous match; prints matched / left. */
export async function reconcileCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { auto: { type: 'boolean' }, config: { type: 'string' } } })
  if (!values.auto) {
    process.stderr.write(`${cliTexts(environmentLanguage()).commands.reconcileUsage}\n`)
    return 2
  }
  return withCore(values.config, async (core) => {
    const report = await core.autoReconcile()
    process.stdout.write(`${cliTexts(core.context.language.current).commands.reconciled(report.matched, report.left, report.examined)}\n`)
    return 0
  })
}

import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { exportRequestSchema } from '../reconcile/export.service.js'
import type { Writable } from 'node:stream'
import { FecError } from '../domain/export/fec.js'
import { withCore } from './load-config.js'
import { environmentLanguage } from './cli-language.js'
import { cliTexts } from './cli-texts.js'

/** `qonto-reconcile export --format csv|fec --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE] [--config FILE]` */
export async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { format: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' } },
  })
  const request = exportRequestSchema.safeParse(values)
  if (!request.success) {
    const problems = request.error.issues.map((i) => `--${i.path.join('.')} : ${i.message}`)
    process.stderr.write(`${cliTexts(environmentLanguage()).commands.exportUsage}\n${problems.join('\n')}\n`)
    return 2
  }
  return withCore(values.config, async (core) => {
    let output: Writable | null = null
    try {
      // The file is created only once the export is known to be complete.
      const count = await core.export(request.data, () => (output = values.out ? createWriteStream(values.out) : process.stdout))
      if (values.out && output) {
        const file: Writable = output
        file.end()
        await finished(file)
        process.stderr.write(`${cliTexts(core.context.language.current).commands.exported(count, request.data.format === 'fec', values.out)}\n`)
      }
      return 0
    } catch (error) {
      if (!(error instanceof FecError)) throw error
      process.stderr.write(`${error.in(core.context.language.current)}\n`)
      return 1
    }
  })
}

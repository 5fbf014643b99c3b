import { parseArgs } from 'node:util'
import { QontoConfigError } from '../qonto/errors.js'
import { describeSync } from '../feed/sync.service.js'
import { withCore } from './load-config.js'
import { serverTexts } from '../i18n/server-texts.js'
import { environmentLanguage } from './cli-language.js'
import { cliTexts } from './cli-texts.js'

/** `qonto-reconcile sync [--since ISO-DATE] [--config FILE]`: a progress line per page, then a summary. */
export async function syncCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { since: { type: 'string' }, config: { type: 'string' } } })
  let since: Date | undefined
  if (values.since !== undefined) {
    since = new Date(values.since)
    if (Number.isNaN(since.getTime())) {
      process.stderr.write(`${cliTexts(environmentLanguage()).commands.syncSince(values.since)}\n`)
      return 2
    }
  }
  return withCore(values.config, async (core) => {
    try {
      // The configured language (the `language` option), French by default.
      const T = serverTexts(core.context).sync
      const summary = await core.sync({
        since,
        onPage: ({ page, totalPages, received }) => process.stdout.write(`${T.page(page, totalPages, received)}\n`),
      })
      process.stdout.write(`${T.done(describeSync(summary, core.context.language.current))}\n`)
      if (summary.autoReconciled) process.stdout.write(`${T.autoReport(summary.autoReconciled.matched, summary.autoReconciled.left)}\n`)
      return 0
    } catch (error) {
      if (error instanceof QontoConfigError) {
        process.stderr.write(`${error.message}\n`)
        return 2
      }
      process.stderr.write(`${serverTexts(core.context).sync.failed((error as Error).message)}\n`)
      return 1
    }
  })
}

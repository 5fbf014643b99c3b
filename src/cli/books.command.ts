/**
 * The accountant's month-end from the command line:
 * - `qonto-reconcile etat --date AAAA-MM-JJ [--out FICHIER]`: the bank reconciliation statement (CSV).
 * - `qonto-reconcile cloturer --jusqu-au AAAA-MM-JJ`: closes every day up to that one.
 */
import { serverTexts } from '../i18n/server-texts.js'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { environmentLanguage } from './cli-language.js'
import { cliTexts } from './cli-texts.js'
import { isoDay } from '../reconcile/export.service.js'
import { ClosingError } from '../reconcile/closing.service.js'
import { withCore } from './load-config.js'

export async function statementCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { date: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' } } })
  const date = isoDay.safeParse(values.date)
  if (!date.success) {
    process.stderr.write(`${cliTexts(environmentLanguage()).commands.statementUsage}\n--date : ${date.error.issues[0]!.message}\n`)
    return 2
  }
  // Checked before anything is read or booked: a file that cannot be written changes nothing.
  const folder = values.out ? dirname(resolve(values.out)) : null
  if (folder && !(existsSync(folder) && statSync(folder).isDirectory())) {
    process.stderr.write(`${cliTexts(environmentLanguage()).commands.outFolderMissing(folder)}\n`)
    return 2
  }
  return withCore(values.config, async (core) => {
    const { csv, statement } = await core.statement(date.data)
    if (values.out) {
      writeFileSync(values.out, csv)
      const gaps = statement.accounts.filter((a) => a.gapCents !== 0).length
      process.stderr.write(`${cliTexts(core.context.language.current).commands.statementWritten(date.data, statement.accounts.length, gaps, values.out)}\n`)
    } else process.stdout.write(csv)
    return 0
  })
}

export async function closingCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'jusqu-au': { type: 'string' }, config: { type: 'string' } } })
  const through = isoDay.safeParse(values['jusqu-au'])
  if (!through.success) {
    process.stderr.write(`${cliTexts(environmentLanguage()).commands.closingUsage}\n--jusqu-au : ${through.error.issues[0]!.message}\n`)
    return 2
  }
  return withCore(values.config, async (core) => {
    try {
      const result = await core.closePeriod(through.data, { userId: null, label: 'ligne de commande (qonto-reconcile cloturer)' })
      process.stdout.write(`${result.notice}\n${serverTexts(core.context).closing.cliBooked(result.booked)}\n`)
      return 0
    } catch (error) {
      if (!(error instanceof ClosingError)) throw error
      process.stderr.write(`${error.in(core.context.language.current)}\n`)
      return 1
    }
  })
}

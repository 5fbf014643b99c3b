// `qonto-reconcile remove`: the way back from `init` (schema fragment and back-relations out, SQL to
// drop the extension's tables). Imports only node builtins and src/schema.
import { dirname, join, relative, resolve } from 'node:path'
import { writeFileSync, existsSync, statSync } from 'node:fs'
import { commandFailure, parseCommandOptions } from './schema-command.js'
import { environmentLanguage } from './cli-language.js'
import { cliTexts } from './cli-texts.js'
import { REMOVE_SQL_FILE_NAME, removeFragment } from '../schema/remove.js'


export async function removeCommand(args: string[], cwd: string = process.cwd()): Promise<number> {
  const T = cliTexts(environmentLanguage())
  const REMOVE_USAGE = T.remove.usage(REMOVE_SQL_FILE_NAME)
  const values = parseCommandOptions(args, {
    schema: { type: 'string' },
    'notification-model': { type: 'string' },
    'notification-link': { type: 'string' },
    'root-path': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  }, REMOVE_USAGE)
  if (!values) return 2
  if (values.help) {
    process.stdout.write(REMOVE_USAGE)
    return 0
  }
  if (Boolean(values['notification-model']) !== Boolean(values['notification-link'])) {
    process.stderr.write(`${T.remove.together}\n\n${REMOVE_USAGE}`)
    return 2
  }
  const folder = join(cwd, 'prisma/schema')
  const schemaPath = resolve(cwd, values.schema ?? (existsSync(folder) && statSync(folder).isDirectory() ? 'prisma/schema' : 'prisma/schema.prisma'))
  const dryRun = values['dry-run']
  try {
    const result = removeFragment({
      schemaPath,
      write: !dryRun,
      rootPath: values['root-path'],
      notifications: values['notification-model'] ? { model: values['notification-model'], link: values['notification-link']! } : undefined,
    })
    const show = (path: string) => relative(cwd, path) || path
    const sqlPath = join(dirname(schemaPath), REMOVE_SQL_FILE_NAME)
    if (!dryRun) writeFileSync(sqlPath, result.sql)
    process.stdout.write(
      [
        ...(dryRun ? [T.dryRun, ''] : []),
        ...result.deleted.map((path) => T.remove.fragmentDeleted(show(path), dryRun)),
        ...result.rewritten.map((path) => T.remove.rewritten(show(path), dryRun)),
        T.remove.sql(result.tables.join(', '), dryRun ? null : show(sqlPath)),
        '',
        T.nextSteps,
        ...T.remove.steps(REMOVE_SQL_FILE_NAME),
        '',
        ...(dryRun ? [result.sql] : []),
      ].join('\n'),
    )
    return 0
  } catch (error) {
    return commandFailure(error, 'remove')
  }
}

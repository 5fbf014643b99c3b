// `qonto-reconcile remove`: the way back from `init` (schema fragment and back-relations out, SQL to
// drop the extension's tables). Imports only node builtins and src/schema.
import { dirname, join, relative, resolve } from 'node:path'
import { writeFileSync, existsSync, statSync } from 'node:fs'
import { commandFailure, parseCommandOptions } from './schema-command.js'
import { environmentLanguage } from './cli-language.js'
import { REMOVE_SQL_FILE_NAME, removeFragment } from '../schema/remove.js'

export const REMOVE_USAGE = `Usage : qonto-reconcile remove [--schema CHEMIN] [--notification-model MODÈLE --notification-link CHAMP]
                              [--root-path /admin] [--dry-run]

Retire qonto-reconcile du schéma Prisma (son fragment, et les deux relations inverses de votre modèle
de factures) et écrit le SQL qui supprime ses tables (${REMOVE_SQL_FILE_NAME}, à côté du schéma).
La base n'est pas touchée : exportez d'abord, puis appliquez ce SQL avec votre procédure.

Options :
  --schema CHEMIN             fichier .prisma ou dossier de schéma (par défaut : prisma/schema, sinon prisma/schema.prisma)
  --notification-model MODÈLE votre modèle de notifications, dont les liens vers les écrans de l'extension
  --notification-link CHAMP   (son champ lien, String?) seront effacés par le SQL
  --root-path CHEMIN          le rootPath AdminJS de ces liens (par défaut /admin)
  --dry-run                   affiche ce qui serait fait, sans rien écrire
`

export async function removeCommand(args: string[], cwd: string = process.cwd()): Promise<number> {
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
    process.stderr.write(`${environmentLanguage() === 'fr' ? 'Indiquez --notification-model et --notification-link ensemble.' : 'Give --notification-model and --notification-link together.'}\n\n${REMOVE_USAGE}`)
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
    const verb = dryRun ? 'serait' : 'a été'
    process.stdout.write(
      [
        ...(dryRun ? ["Essai (--dry-run) : rien n'a été écrit.", ''] : []),
        ...result.deleted.map((path) => `Fragment ${show(path)} : ${dryRun ? 'serait supprimé' : 'supprimé'}.`),
        ...result.rewritten.map((path) => `${show(path)} : le bloc ou les relations de qonto-reconcile ${verb} retirés.`),
        `SQL de suppression des tables (${result.tables.join(', ')}) : ${dryRun ? 'non écrit' : show(sqlPath)}.`,
        '',
        'Étapes suivantes :',
        '  1. Exportez ce que le comptable doit garder : npx qonto-reconcile export --format fec --from … --to … (et csv).',
        '  2. Retirez de votre application createReconciliation, ses ressources, pages, routeurs et la traduction.',
        `  3. Appliquez ${REMOVE_SQL_FILE_NAME} (sauvegarde d'abord) : avec Prisma Migrate,`,
        '     npx prisma migrate dev --create-only --name remove_qonto_reconcile, copiez-y ce SQL, puis npx prisma migrate dev.',
        '  4. npx prisma generate, puis npm uninstall qonto-reconcile.',
        '',
        ...(dryRun ? [result.sql] : []),
      ].join('\n'),
    )
    return 0
  } catch (error) {
    return commandFailure(error, 'remove')
  }
}

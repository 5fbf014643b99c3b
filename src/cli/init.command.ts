// `qonto-reconcile init`: writes the extension's models into the host's Prisma schema (as
// better-auth's `generate` does); the host then migrates with its own workflow.
// Imports only node builtins and src/schema: no AdminJS, no Prisma client, no configuration.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { commandFailure, parseCommandOptions } from './schema-command.js'
import { environmentLanguage } from './cli-language.js'
import { FRAGMENT_MODELS } from '../schema/fragment.js'
import { SchemaError } from '../schema/host-schema.js'
import { installFragment, type InstallResult } from '../schema/install.js'
import { INVARIANTS_FILE_NAME, INVARIANTS_MIGRATION_NAME, invariantsMigrationFolder, invariantsSql } from '../schema/invariants.js'

export const INIT_USAGE = `Usage : qonto-reconcile init --invoice-model MODÈLE [--schema CHEMIN] [--client-model MODÈLE]
                            [--add-relations] [--dry-run] [--migrations DOSSIER]

Ajoute les modèles de qonto-reconcile au schéma Prisma de votre application, avec des relations
typées sur l'identifiant de votre modèle de factures. Relancer init met le fragment à jour.

Options :
  --schema CHEMIN         fichier .prisma, ou dossier de schéma multi-fichiers (Prisma ≥ 6.7)
                          (par défaut : prisma/schema s'il existe, sinon prisma/schema.prisma)
  --invoice-model MODÈLE  votre modèle Prisma de factures (ex. Document, Invoice)
  --client-model MODÈLE   votre modèle Prisma de clients (ex. Marque), dont l'existence est vérifiée
  --add-relations         ajoute aussi les deux relations inverses dans le modèle de factures
                          (sinon init les affiche pour que vous les ajoutiez)
  --dry-run               affiche ce qui serait écrit, sans rien écrire
  --migrations DOSSIER    écrit aussi les contraintes que Prisma ne sait pas exprimer (CHECK, index
                          partiel) en migration prête dans ce dossier (ex. prisma/migrations), à
                          utiliser une fois la migration créant les tables faite ; sans cette option
                          le SQL est écrit dans qonto-reconcile.invariants.sql à côté du schéma
  -h, --help              affiche cette aide
`

function defaultSchemaPath(cwd: string): string {
  const folder = 'prisma/schema'
  const full = join(cwd, folder)
  return existsSync(full) && statSync(full).isDirectory() ? folder : 'prisma/schema.prisma'
}

function report(result: InstallResult, schemaPath: string, dryRun: boolean, cwd: string, invariants: WrittenInvariants | null = null): string {
  const show = (path: string): string => {
    const rel = relative(cwd, path)
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path
  }
  const id = `${result.invoiceModel}.${result.invoiceId.name} (${result.invoiceId.type}${
    result.invoiceId.nativeType ? ` ${result.invoiceId.nativeType}` : ''
  })`
  const out: string[] = []
  if (dryRun) {
    out.push('Essai (--dry-run) : rien n\'a été écrit.', '', `Fragment qui serait écrit dans ${show(result.fragmentPath)} :`, '')
    out.push(result.fragment)
  }
  const fragmentChanged = result.fragmentChanged
  const where = result.kind === 'folder' ? show(result.fragmentPath) : `${show(result.fragmentPath)} (bloc « qonto-reconcile » en fin de fichier)`
  const verb = dryRun ? (fragmentChanged ? 'serait écrit' : 'serait inchangé') : fragmentChanged ? 'écrit' : 'déjà à jour'
  out.push(`Modèles qonto-reconcile (${FRAGMENT_MODELS.join(', ')}) : ${verb} dans ${where}.`)
  out.push(`Relations vers ${id}.`)
  if (result.clientModel) out.push(`Modèle de clients : ${result.clientModel} (trouvé).`)
  if (result.backRelationsAdded.length > 0) {
    out.push(
      `Relations inverses ${dryRun ? 'qui seraient ajoutées' : 'ajoutées'} au modèle ${result.invoiceModel} (${show(result.invoiceModelPath)}) :`,
      ...result.backRelationsAdded.map((l) => `  ${l}`),
    )
  } else if (result.backRelationsToAdd.length === 0) {
    out.push(`Relations inverses : déjà présentes dans le modèle ${result.invoiceModel}.`)
  }

  out.push('', 'Étapes suivantes :')
  let step = 1
  if (result.backRelationsToAdd.length > 0) {
    out.push(
      `  ${step++}. Ajoutez ces lignes dans le modèle ${result.invoiceModel} (${show(result.invoiceModelPath)}) :`,
      ...result.backRelationsToAdd.map((l) => `       ${l}`),
      '     (ou relancez init avec --add-relations pour qu\'il les ajoute lui-même).',
    )
  }
  if (dryRun) out.push(`  ${step++}. Relancez sans --dry-run pour écrire le fragment.`)
  out.push(
    `  ${step++}. Migrez votre base avec votre procédure habituelle, par exemple :`,
    '       npx prisma migrate dev --name qonto-reconcile',
    '     ou, pour obtenir le SQL sans l\'appliquer :',
    `       npx prisma migrate diff --from-schema-datamodel <schéma avant init> --to-schema-datamodel ${schemaPath} --script`,
    `  ${step++}. Régénérez votre client Prisma (npx prisma generate) si votre procédure ne le fait pas.`,
  )
  if (invariants) {
    out.push(
      `  ${step++}. Ajoutez ce que Prisma ne sait pas exprimer (contraintes CHECK sur les montants, index partiel de la file), APRÈS la migration qui crée les tables :`,
      ...(invariants.migration
        ? [`       migration prête : ${show(invariants.migration)} (appliquée par votre prochain « npx prisma migrate dev » ou « migrate deploy »)`]
        : [
            `       SQL écrit dans ${show(invariants.file)} ; avec Prisma Migrate :`,
            '       npx prisma migrate dev --create-only --name qonto_reconcile_invariants',
            `       puis copiez ${show(invariants.file)} dans le migration.sql créé, et npx prisma migrate dev`,
            '       (ou relancez init avec --migrations prisma/migrations une fois les tables migrées : il écrit la migration).',
          ]),
    )
  }
  return `${out.join('\n')}\n`
}

interface WrittenInvariants {
  file: string
  migration: string | null
}

/** The invariants' SQL beside the schema, and, given the host's migrations folder, as a new migration there (once). */
function writeInvariants(result: InstallResult, migrationsDir: string | null): WrittenInvariants {
  const dir = result.kind === 'folder' ? dirname(result.fragmentPath.replace(/[\\/][^\\/]+$/, '')) : dirname(result.fragmentPath)
  const file = join(dir, INVARIANTS_FILE_NAME)
  writeFileSync(file, invariantsSql())
  if (!migrationsDir) return { file, migration: null }
  if (!existsSync(migrationsDir)) throw new SchemaError(`Dossier de migrations introuvable : ${migrationsDir} (--migrations).`, `Migrations folder not found: ${migrationsDir} (--migrations).`)
  const existing = readdirSync(migrationsDir).find((name) => name.endsWith(`_${INVARIANTS_MIGRATION_NAME}`))
  const folder = join(migrationsDir, existing ?? invariantsMigrationFolder())
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, 'migration.sql'), invariantsSql())
  return { file, migration: join(folder, 'migration.sql') }
}

/** Exit codes: 0 ok, 2 bad usage or schema problem (French message), 1 unexpected error. */
export async function initCommand(args: string[], cwd: string = process.cwd()): Promise<number> {
  const values = parseCommandOptions(args, {
    schema: { type: 'string' },
    'invoice-model': { type: 'string' },
    'client-model': { type: 'string' },
    'add-relations': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    migrations: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  }, INIT_USAGE)
  if (!values) return 2
  if (values.help) {
    process.stdout.write(INIT_USAGE)
    return 0
  }
  const invoiceModel = values['invoice-model']
  if (!invoiceModel) {
    const missing = environmentLanguage() === 'fr'
      ? 'Indiquez votre modèle de factures avec --invoice-model (ex. --invoice-model Document).'
      : 'Give your invoice model with --invoice-model (e.g. --invoice-model Document).'
    process.stderr.write(`${missing}\n\n${INIT_USAGE}`)
    return 2
  }
  const schemaPath = values.schema ?? defaultSchemaPath(cwd)
  const dryRun = values['dry-run']
  try {
    const result = installFragment({
      schemaPath: resolve(cwd, schemaPath),
      invoiceModel,
      clientModel: values['client-model'],
      write: !dryRun,
      addBackRelations: values['add-relations'],
    })
    const invariants = dryRun ? null : writeInvariants(result, values.migrations ? resolve(cwd, values.migrations) : null)
    process.stdout.write(report(result, schemaPath, dryRun, cwd, invariants))
    return 0
  } catch (error) {
    return commandFailure(error, 'init')
  }
}

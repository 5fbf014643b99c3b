// `qonto-reconcile init`: writes the extension's models into the host's Prisma schema (as
// better-auth's `generate` does); the host then migrates with its own workflow.
// Imports only node builtins and src/schema: no AdminJS, no Prisma client, no configuration.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { commandFailure, parseCommandOptions } from './schema-command.js'
import { environmentLanguage } from './cli-language.js'
import { cliTexts, type CliTexts } from './cli-texts.js'
import { FRAGMENT_MODELS } from '../schema/fragment.js'
import { SchemaError } from '../schema/host-schema.js'
import { installFragment, type InstallResult } from '../schema/install.js'
import { INVARIANTS_FILE_NAME, INVARIANTS_MIGRATION_NAME, invariantsMigrationFolder, invariantsSql } from '../schema/invariants.js'


function defaultSchemaPath(cwd: string): string {
  const folder = 'prisma/schema'
  const full = join(cwd, folder)
  return existsSync(full) && statSync(full).isDirectory() ? folder : 'prisma/schema.prisma'
}

function report(T: CliTexts, result: InstallResult, schemaPath: string, dryRun: boolean, cwd: string, invariants: WrittenInvariants | null = null): string {
  const I = T.init
  const show = (path: string): string => {
    const rel = relative(cwd, path)
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path
  }
  const id = `${result.invoiceModel}.${result.invoiceId.name} (${result.invoiceId.type}${
    result.invoiceId.nativeType ? ` ${result.invoiceId.nativeType}` : ''
  })`
  const out: string[] = []
  if (dryRun) {
    out.push(T.dryRun, '', I.fragmentWouldBe(show(result.fragmentPath)), '')
    out.push(result.fragment)
  }
  const where = result.kind === 'folder' ? show(result.fragmentPath) : I.endOfFile(show(result.fragmentPath))
  out.push(I.models(FRAGMENT_MODELS.join(', '), dryRun, result.fragmentChanged, where))
  out.push(I.relationsTo(id))
  if (result.clientModel) out.push(I.clientModel(result.clientModel))
  if (result.backRelationsAdded.length > 0) {
    out.push(I.backRelationsAdded(dryRun, result.invoiceModel, show(result.invoiceModelPath)), ...result.backRelationsAdded.map((l) => `  ${l}`))
  } else if (result.backRelationsToAdd.length === 0) {
    out.push(I.backRelationsPresent(result.invoiceModel))
  }

  out.push('', T.nextSteps)
  let step = 1
  if (result.backRelationsToAdd.length > 0) {
    out.push(
      `  ${step++}. ${I.addLines(result.invoiceModel, show(result.invoiceModelPath))}`,
      ...result.backRelationsToAdd.map((l) => `       ${l}`),
      `     ${I.orAddRelations}`,
    )
  }
  if (dryRun) out.push(`  ${step++}. ${I.rerun}`)
  out.push(
    `  ${step++}. ${I.migrate}`,
    '       npx prisma migrate dev --name qonto-reconcile',
    `     ${I.orSql}`,
    `       npx prisma migrate diff --from-schema-datamodel ${I.schemaBefore} --to-schema-datamodel ${schemaPath} --script`,
    `  ${step++}. ${I.generate}`,
  )
  if (invariants) {
    out.push(
      `  ${step++}. ${I.invariants}`,
      ...(invariants.migration
        ? [`       ${I.migrationReady(show(invariants.migration))}`]
        : [
            `       ${I.sqlWritten(show(invariants.file))}`,
            '       npx prisma migrate dev --create-only --name qonto_reconcile_invariants',
            `       ${I.copySql(show(invariants.file))}`,
            `       ${I.orMigrations}`,
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
  const T = cliTexts(environmentLanguage())
  const INIT_USAGE = T.init.usage
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
    process.stderr.write(`${T.init.missingModel}\n\n${INIT_USAGE}`)
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
    process.stdout.write(report(T, result, schemaPath, dryRun, cwd, invariants))
    return 0
  } catch (error) {
    return commandFailure(error, 'init')
  }
}

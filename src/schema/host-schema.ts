// Reads the host application's Prisma schema (one file, or a multi-file folder as Prisma ≥ 6.7
// reads it) and parses it with @prisma/prisma-schema-wasm, without what `init` generated before.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, relative, resolve, sep } from 'node:path'
import { get_config, get_dmmf } from '@prisma/prisma-schema-wasm'
import { ALLOCATION_RELATION, FRAGMENT_MARKER, TRANSACTION_RELATION, type IdType } from './fragment.js'

/**
 * A problem with the host's schema or the command's input: the CLI exits with code 2 and prints it
 * in its language (`in`); `message` is the French text.
 */
export class SchemaError extends Error {
  override name = 'SchemaError'
  constructor(
    readonly french: string,
    readonly english: string,
  ) {
    super(french)
  }

  in(language: 'fr' | 'en'): string {
    return language === 'fr' ? this.french : this.english
  }
}

export interface DmmfField {
  name: string
  kind: string
  type: string
  isId: boolean
  isList: boolean
  isRequired: boolean
  relationName?: string | null
  relationFromFields?: string[]
  nativeType?: [string, string[]] | null
}

export interface DmmfModel {
  name: string
  dbName: string | null
  fields: DmmfField[]
  primaryKey: { name: string | null; fields: string[] } | null
}

export interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: Array<{ name: string }>; types: unknown[] }
}

export interface SchemaFile {
  /** Absolute path on disk. */
  path: string
  /** Name given to Prisma (relative to the schema folder): error messages cite it. */
  name: string
  text: string
}

export interface HostSchema {
  /** Absolute path of the schema file or folder. */
  root: string
  kind: 'file' | 'folder'
  /** The files as they are on disk. */
  files: SchemaFile[]
  /** The host's own schema: generated fragment files and blocks removed, back-relations removed. */
  hostFiles: SchemaFile[]
  /** DMMF of hostFiles. */
  dmmf: Dmmf
  datasource: { name: string; provider: string }
  /** Files (folder) that hold a fragment written by a previous init. */
  generatedFiles: string[]
}

export const BLOCK_START = '// >>> qonto-reconcile'
export const BLOCK_END = '// <<< qonto-reconcile'

const ANSI = /\u001b\[[0-9;]*m/g

/** Prisma's validation message from a get_dmmf/get_config failure, without terminal colours. */
export function prismaErrorText(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error)
  let message = raw
  try {
    const parsed = JSON.parse(raw) as { message?: string }
    if (typeof parsed.message === 'string') message = parsed.message
  } catch {
    // not JSON: keep the raw text
  }
  return message.replace(ANSI, '').trim()
}

/** Parses a set of schema files; throws SchemaError with Prisma's message in a French context. */
/** `context` names the schema being read, in both languages (« Le schéma actuel » / "The current schema"). */
export function parseSchema(files: Array<Pick<SchemaFile, 'name' | 'text'>>, context: { fr: string; en: string }): Dmmf {
  try {
    return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: files.map((f) => [f.name, f.text]) }))) as Dmmf
  } catch (error) {
    throw new SchemaError(`${context.fr} n'est pas un schéma Prisma valide :\n${prismaErrorText(error)}`, `${context.en} is not a valid Prisma schema:\n${prismaErrorText(error)}`)
  }
}

function listPrismaFiles(folder: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const path = join(folder, entry.name)
    if (entry.isDirectory()) found.push(...listPrismaFiles(path))
    else if (entry.isFile() && entry.name.endsWith('.prisma')) found.push(path)
  }
  return found.sort()
}

/** True when the file is a fragment written by init (its first non-blank line is the marker). */
export function isGeneratedFile(text: string): boolean {
  return text.trimStart().startsWith(FRAGMENT_MARKER)
}

/** Locates the `// >>> qonto-reconcile` … `// <<< qonto-reconcile` block of a single-file schema. */
export function findBlock(text: string): { start: number; end: number } | null {
  const start = text.indexOf(BLOCK_START)
  if (start === -1) return null
  const endMarker = text.indexOf(BLOCK_END, start)
  if (endMarker === -1) {
    throw new SchemaError(
      `Le schéma contient « ${BLOCK_START} » sans la ligne de fin « ${BLOCK_END} » : rétablissez-la ou supprimez le bloc.`,
      `The schema contains “${BLOCK_START}” without the closing line “${BLOCK_END}”: put it back or delete the block.`,
    )
  }
  const lineEnd = text.indexOf('\n', endMarker)
  return { start, end: lineEnd === -1 ? text.length : lineEnd + 1 }
}

const BACK_RELATION_LINE = new RegExp(`^[^\\S\\n]*\\w+[^\\n]*"(${TRANSACTION_RELATION}|${ALLOCATION_RELATION})"[^\\n]*\\n?`, 'gm')

/** The host's text without what init wrote: the generated block and the back-relation fields. */
function withoutGenerated(text: string): string {
  const block = findBlock(text)
  const rest = block ? text.slice(0, block.start) + text.slice(block.end) : text
  return rest.replace(BACK_RELATION_LINE, '')
}

export function readHostSchema(path: string): HostSchema {
  const root = resolve(path)
  let stats
  try {
    stats = statSync(root)
  } catch {
    throw new SchemaError(`Schéma Prisma introuvable : ${path} (ni fichier .prisma ni dossier).`, `Prisma schema not found: ${path} (neither a .prisma file nor a folder).`)
  }
  const kind = stats.isDirectory() ? 'folder' : 'file'
  const paths = kind === 'folder' ? listPrismaFiles(root) : [root]
  if (paths.length === 0) throw new SchemaError(`Aucun fichier .prisma dans le dossier ${path}.`, `No .prisma file in the folder ${path}.`)
  const files = paths.map((p) => ({
    path: p,
    name: kind === 'folder' ? relative(root, p).split(sep).join('/') : basename(p),
    text: readFileSync(p, 'utf8'),
  }))
  const generatedFiles = files.filter((f) => isGeneratedFile(f.text)).map((f) => f.path)
  const hostFiles = files
    .filter((f) => !generatedFiles.includes(f.path))
    .map((f) => ({ ...f, text: withoutGenerated(f.text) }))
  const dmmf = parseSchema(hostFiles, { fr: `Le schéma de l'application (${path})`, en: `The application's schema (${path})` })
  return { root, kind, files, hostFiles, dmmf, datasource: datasourceOf(hostFiles), generatedFiles }
}

function datasourceOf(files: SchemaFile[]): { name: string; provider: string } {
  const config = JSON.parse(
    get_config(
      JSON.stringify({
        prismaSchema: files.map((f) => [f.name, f.text]),
        datasourceOverrides: {},
        ignoreEnvVarErrors: true,
        env: {},
      }),
    ),
  ) as { config: { datasources: Array<{ name: string; provider: string }> } }
  const datasource = config.config.datasources[0]
  if (!datasource) throw new SchemaError('Le schéma de l\'application ne déclare aucun bloc « datasource ».', "The application's schema declares no “datasource” block.")
  return { name: datasource.name, provider: datasource.provider }
}

export function findModel(dmmf: Dmmf, name: string): DmmfModel {
  const models = dmmf.datamodel.models
  const model = models.find((m) => m.name === name)
  if (model) return model
  const available = models.map((m) => m.name).sort()
  const near = available.find((m) => m.toLowerCase() === name.toLowerCase())
  throw new SchemaError(
    `Modèle « ${name} » introuvable dans le schéma Prisma de l'application.` +
      (near ? ` Vouliez-vous dire « ${near} » ?` : '') +
      `\nModèles disponibles : ${available.length > 0 ? available.join(', ') : '(aucun)'}.`,
    `Model “${name}” not found in the application's Prisma schema.` +
      (near ? ` Did you mean “${near}”?` : '') +
      `\nAvailable models: ${available.length > 0 ? available.join(', ') : '(none)'}.`,
  )
}

export interface IdField {
  name: string
  type: IdType
  /** Native type attribute to copy onto foreign keys, e.g. "@db.Uuid" or "@db.VarChar(36)". */
  nativeType?: string
}

const ID_TYPES: readonly string[] = ['String', 'Int', 'BigInt']

/** The model's single-field @id (the target of qonto-reconcile's foreign keys). */
export function idFieldOf(model: DmmfModel, datasourceName = 'db'): IdField {
  if (model.primaryKey && model.primaryKey.fields.length > 0) {
    throw new SchemaError(
      `Le modèle « ${model.name} » a un identifiant composé (@@id([${model.primaryKey.fields.join(', ')}])) : ` +
        'qonto-reconcile a besoin d\'un identifiant sur un seul champ (@id) pour y rattacher paiements et allocations.',
      `The model “${model.name}” has a compound id (@@id([${model.primaryKey.fields.join(', ')}])): ` +
        'qonto-reconcile needs a single-field id (@id) to attach payments and allocations to it.',
    )
  }
  const id = model.fields.find((f) => f.isId)
  if (!id) {
    throw new SchemaError(`Le modèle « ${model.name} » n'a pas de champ @id : qonto-reconcile en a besoin pour ses clés étrangères.`, `The model “${model.name}” has no @id field: qonto-reconcile needs one for its foreign keys.`)
  }
  if (!ID_TYPES.includes(id.type)) {
    throw new SchemaError(
      `L'identifiant ${model.name}.${id.name} est de type ${id.type} : qonto-reconcile prend en charge String, Int et BigInt.`,
      `The id ${model.name}.${id.name} is of type ${id.type}: qonto-reconcile supports String, Int and BigInt.`,
    )
  }
  const field: IdField = { name: id.name, type: id.type as IdType }
  if (id.nativeType) {
    const [native, args] = id.nativeType
    field.nativeType = `@${datasourceName}.${native}${args.length > 0 ? `(${args.join(', ')})` : ''}`
  }
  return field
}

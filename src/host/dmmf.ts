import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { ReconciliationConfigError } from '../errors.js'

/**
 * The full DMMF (ids, relations, enums, database names) of the host's schema. The client generated
 * with engineType "client" only carries a reduced one, with which @adminjs/prisma builds resources
 * without an id; and raw SQL needs the @@map / @map names. Built from the host's schema files with
 * @prisma/prisma-schema-wasm (one file or a multi-file folder), or taken as given.
 */
export interface DmmfField {
  name: string
  type: string
  kind: string
  isId?: boolean
  isList?: boolean
  isRequired?: boolean
  dbName?: string | null
  nativeType?: [string, unknown[]] | null
  relationName?: string | null
  relationFromFields?: string[]
  /** @updatedAt: Prisma stamps it on every update. */
  isUpdatedAt?: boolean
  hasDefaultValue?: boolean
  /** @default: a literal, or a function such as { name: 'cuid', args: [1] } (cuid, uuid, nanoid, ulid: made by the Prisma client, not the database). */
  default?: unknown
}

export interface DmmfModel {
  name: string
  dbName?: string | null
  fields: DmmfField[]
}

export interface DmmfEnum {
  name: string
  dbName?: string | null
  values: Array<{ name: string; dbName?: string | null }>
}

export interface FullDmmf {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[] }
}

/** Every *.prisma file under a folder (as Prisma reads a multi-file schema), or the one file given. */
export function readSchemaFiles(path: string): Array<[string, string]> {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) throw new ReconciliationConfigError(`Schéma Prisma introuvable : ${path}`, `Prisma schema not found: ${path}`)
  if (stat.isFile()) return [[path, readFileSync(path, 'utf8')]]
  const files: Array<[string, string]> = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      if (entry.isDirectory() && entry.name !== 'migrations') walk(full)
      else if (entry.isFile() && entry.name.endsWith('.prisma')) files.push([relative(path, full) || entry.name, readFileSync(full, 'utf8')])
    }
  }
  walk(path)
  if (files.length === 0) throw new ReconciliationConfigError(`Aucun fichier .prisma dans ${path}`, `No .prisma file in ${path}`)
  return files.sort(([a], [b]) => a.localeCompare(b))
}

const require = createRequire(import.meta.url)
type GetDmmf = (input: string) => string

/**
 * The child's status for a schema Prisma refuses, its message on stderr: any other failure (a program at
 * process.execPath that is not a Node running -e, a crash) is not the schema's fault, and the datamodel
 * is then read in this process.
 */
const SCHEMA_REFUSED = 65
/** Past this, the child is killed and the datamodel read in this process (a wrapper that never returns). */
const CHILD_TIMEOUT_MS = 120_000

/** Run by a short-lived Node: the schema on stdin, the datamodel on stdout, Prisma's message on stderr. */
const CHILD_SCRIPT = `const { get_dmmf } = require(process.argv[1]); let input = ''
process.stdin.setEncoding('utf8').on('data', (chunk) => (input += chunk)).on('end', () => {
  try { process.stdout.write(JSON.stringify({ datamodel: JSON.parse(get_dmmf(input)).datamodel })) }
  catch (error) { process.stderr.write(String((error && error.message) || error)); process.exit(${SCHEMA_REFUSED}) } })`

/** process.execPath is a Node that runs `-e` (not Electron, nor a single-executable app, which would start the host again). */
function canStartNode(): boolean {
  if (process.release?.name !== 'node' || process.versions.electron !== undefined) return false
  try {
    return !(require('node:sea') as { isSea?: () => boolean }).isSea?.()
  } catch {
    return true
  }
}

const unreadable = (message: string) => new ReconciliationConfigError(`Schéma Prisma illisible : ${message}`, `Unreadable Prisma schema: ${message}`)

/**
 * The datamodel, read by prisma-schema-wasm in a short-lived Node of its own: the schema engine's
 * WebAssembly, its memory and its 2 MB answer (the client's whole query schema, which nothing here
 * reads) would otherwise stay in this process for good, about 50 MB of resident memory in the server
 * and in every sync. In this process only when no child can be started.
 */
export function dmmfFromSchemaFiles(files: Array<[string, string]>): FullDmmf {
  const input = JSON.stringify({ prismaSchema: files })
  if (canStartNode()) {
    try {
      const output = execFileSync(process.execPath, ['-e', CHILD_SCRIPT, require.resolve('@prisma/prisma-schema-wasm')], {
        input,
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['pipe', 'pipe', 'pipe'],
        // A plain Node: none of this process's loaders (tsx, --conditions) nor heap flags.
        env: { ...process.env, NODE_OPTIONS: '' },
        windowsHide: true,
        timeout: CHILD_TIMEOUT_MS,
      })
      return JSON.parse(output.toString('utf8')) as FullDmmf
    } catch (error) {
      const { status, stderr } = error as { status?: number | null; stderr?: Buffer }
      if (status === SCHEMA_REFUSED && stderr && stderr.length > 0) throw unreadable(stderr.toString('utf8'))
    }
  }
  try {
    const { get_dmmf } = require('@prisma/prisma-schema-wasm') as { get_dmmf: GetDmmf }
    return { datamodel: (JSON.parse(get_dmmf(input)) as FullDmmf).datamodel }
  } catch (error) {
    throw unreadable((error as Error).message)
  }
}

const cache = new Map<string, FullDmmf>()

export function loadDmmf(source: { schema?: string; dmmf?: FullDmmf }): FullDmmf {
  if (source.dmmf) return source.dmmf
  const path = source.schema ?? 'prisma/schema.prisma'
  let dmmf = cache.get(path)
  if (!dmmf) {
    dmmf = dmmfFromSchemaFiles(readSchemaFiles(path))
    cache.set(path, dmmf)
  }
  return dmmf
}

/** @adminjs/prisma reads enums from `clientModule.Prisma.dmmf`: hand it the full DMMF. */
export function adminClientModule(dmmf: FullDmmf) {
  return { Prisma: { dmmf } }
}

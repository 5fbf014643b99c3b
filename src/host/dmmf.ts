import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { get_dmmf } from '@prisma/prisma-schema-wasm'
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

export function dmmfFromSchemaFiles(files: Array<[string, string]>): FullDmmf {
  try {
    return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: files }))) as FullDmmf
  } catch (error) {
    throw new ReconciliationConfigError(`Schéma Prisma illisible : ${(error as Error).message}`, `Unreadable Prisma schema: ${(error as Error).message}`)
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

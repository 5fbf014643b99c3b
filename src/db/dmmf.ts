import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { get_dmmf } from '@prisma/prisma-schema-wasm'

/**
 * The full DMMF (ids, relations, enums) built from schema.prisma. The client generated with
 * engineType "client" only carries a reduced one, with which @adminjs/prisma builds resources
 * without an id (list pages crash). `clientModule` is the shim @adminjs/prisma reads enums from.
 */
export interface DmmfModel {
  name: string
  fields: Array<{ name: string; type: string; kind: string; nativeType?: [string, unknown[]] | null }>
}

export interface FullDmmf {
  datamodel: { models: DmmfModel[]; enums: unknown[] }
}

const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url))
let cached: FullDmmf | undefined

export function fullDmmf(): FullDmmf {
  cached ??= JSON.parse(
    get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', readFileSync(SCHEMA_PATH, 'utf8')]] })),
  ) as FullDmmf
  return cached
}

export function dmmfModel(name: string) {
  const model = fullDmmf().datamodel.models.find((m) => m.name === name)
  if (!model) throw new Error(`Unknown Prisma model ${name}`)
  return model
}

export function adminClientModule() {
  return { Prisma: { dmmf: fullDmmf() } }
}

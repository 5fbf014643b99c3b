/**
 * The host's datamodel is read by prisma-schema-wasm in a short-lived Node (src/host/dmmf.ts), so the
 * schema engine never stays in the server's or the sync's memory: the same datamodel, and Prisma's own
 * message for a schema it cannot read.
 */
import { describe, expect, it } from 'vitest'
import { dmmfFromSchemaFiles, readSchemaFiles } from '../../src/host/dmmf.js'

describe('dmmfFromSchemaFiles', () => {
  it("reads the reference host's multi-file schema: models, database names, enums and defaults", () => {
    const dmmf = dmmfFromSchemaFiles(readSchemaFiles('examples/prisma/schema'))
    expect(Object.keys(dmmf)).toEqual(['datamodel'])
    const notification = dmmf.datamodel.models.find((m) => m.name === 'Notification')!
    expect(notification.dbName).toBe('notifications')
    expect(notification.fields.find((f) => f.name === 'id')).toMatchObject({ isId: true, default: { name: 'cuid' } })
    expect(dmmf.datamodel.models.some((m) => m.name === 'TransactionQonto')).toBe(true)
    expect(dmmf.datamodel.enums.length).toBeGreaterThan(0)
  })

  it("refuses a schema Prisma cannot read with Prisma's message, in French", () => {
    const broken: Array<[string, string]> = [['schema.prisma', 'model Facture {\n  id Int @id\n  client Marque\n}\n']]
    expect(() => dmmfFromSchemaFiles(broken)).toThrow(/^Schéma Prisma illisible : .*Marque/s)
  })
})

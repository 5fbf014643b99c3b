/**
 * The host's datamodel is read by prisma-schema-wasm in a short-lived Node (src/host/dmmf.ts), so the
 * schema engine never stays in the server's or the sync's memory: the same datamodel, and Prisma's own
 * message for a schema it cannot read.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

describe('dmmfFromSchemaFiles when process.execPath is not a Node that runs -e (a single-executable app, Electron, a wrapper)', () => {
  const schema = readSchemaFiles('examples/prisma/schema')
  const withExecPath = <T>(script: string, run: () => T): T => {
    const dir = mkdtempSync(join(tmpdir(), 'dmmf-exec-'))
    const path = join(dir, 'not-node')
    writeFileSync(path, `#!/bin/sh\n${script}\n`)
    chmodSync(path, 0o755)
    const execPath = process.execPath
    process.execPath = path
    try {
      return run()
    } finally {
      process.execPath = execPath
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it('reads the datamodel in this process when that program fails with a message of its own (not a schema error)', () => {
    const dmmf = withExecPath("echo \"not-node: unknown option '-e'\" >&2; exit 1", () => dmmfFromSchemaFiles(schema))
    expect(dmmf.datamodel.models.some((m) => m.name === 'Notification')).toBe(true)
  })

  it('still refuses a broken schema with Prisma\'s message when the child cannot run', () => {
    const broken: Array<[string, string]> = [['schema.prisma', 'model Facture {\n  id Int @id\n  client Marque\n}\n']]
    expect(() => withExecPath('exit 1', () => dmmfFromSchemaFiles(broken))).toThrow(/^Schéma Prisma illisible : .*Marque/s)
  })
})

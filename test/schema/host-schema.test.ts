import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backRelationLines, FRAGMENT_MARKER, renderFragment } from '../../src/schema/fragment.js'
import { findModel, idFieldOf, parseSchema, readHostSchema, SchemaError } from '../../src/schema/host-schema.js'
import { HOSTS_DIR } from './hosts.js'

const fieldLine = (text: string, model: string, field: string): string => {
  const body = new RegExp(`model ${model} \\{([\\s\\S]*?)\\n\\}`).exec(text)![1]!
  return new RegExp(`^\\s*${field}\\s+(.*)$`, 'm').exec(body)![1]!.replace(/\s+/g, ' ').trim()
}

describe('reading a host schema', () => {
  it('reads a multi-file folder recursively and parses it as one schema', () => {
    const host = readHostSchema(join(HOSTS_DIR, 'seed-folder', 'schema'))
    expect(host.kind).toBe('folder')
    expect(host.files.map((f) => f.name)).toEqual(['document.prisma', 'schema.prisma', 'users/user.prisma'])
    expect(host.dmmf.datamodel.models.map((m) => m.name).sort()).toEqual(['Document', 'Marque', 'Notification', 'User'])
    expect(host.datasource).toEqual({ name: 'db', provider: 'postgresql' })
  })

  it.each([
    ['seed-folder/schema', 'Document', { name: 'id', type: 'String' }],
    ['invoice-int/schema.prisma', 'Invoice', { name: 'id', type: 'Int' }],
    ['uuid-host/schema.prisma', 'Bill', { name: 'id', type: 'String', nativeType: '@db.Uuid' }],
  ])('finds the id of %s %s', (path, model, expected) => {
    const host = readHostSchema(join(HOSTS_DIR, path))
    expect(idFieldOf(findModel(host.dmmf, model), host.datasource.name)).toEqual(expected)
  })

  it('names the missing model and lists the available ones, in French', () => {
    const host = readHostSchema(join(HOSTS_DIR, 'invoice-int', 'schema.prisma'))
    expect(() => findModel(host.dmmf, 'Document')).toThrow(SchemaError)
    expect(() => findModel(host.dmmf, 'Document')).toThrow(
      /Modèle « Document » introuvable[\s\S]*Modèles disponibles : Account, Customer, Invoice, InvoiceLine\./,
    )
    expect(() => findModel(host.dmmf, 'invoice')).toThrow(/Vouliez-vous dire « Invoice » \?/)
  })

  it('refuses a composite id clearly', () => {
    const host = readHostSchema(join(HOSTS_DIR, 'invoice-int', 'schema.prisma'))
    expect(() => idFieldOf(findModel(host.dmmf, 'InvoiceLine'))).toThrow(
      /« InvoiceLine » a un identifiant composé \(@@id\(\[invoiceNumber, position\]\)\)/,
    )
  })

  it('refuses an id of another type (DateTime)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qr-host-'))
    writeFileSync(
      join(dir, 'schema.prisma'),
      'datasource db {\n  provider = "postgresql"\n  url = env("X")\n}\nmodel Odd {\n  id DateTime @id\n}\n',
    )
    const host = readHostSchema(join(dir, 'schema.prisma'))
    expect(() => idFieldOf(findModel(host.dmmf, 'Odd'))).toThrow(/de type DateTime : qonto-reconcile prend en charge String, Int et BigInt/)
  })

  it('says in French when the path does not exist or the schema does not parse', () => {
    expect(() => readHostSchema('/nonexistent/schema.prisma')).toThrow(/Schéma Prisma introuvable/)
    const dir = mkdtempSync(join(tmpdir(), 'qr-host-'))
    writeFileSync(join(dir, 'schema.prisma'), 'model Broken {\n  id Int @id\n  other Missing\n}\n')
    expect(() => readHostSchema(join(dir, 'schema.prisma'))).toThrow(/n'est pas un schéma Prisma valide :[\s\S]*Missing/)
  })
})

describe('the fragment', () => {
  it('starts with the marker and types the foreign keys to the invoice id', () => {
    const int = renderFragment({ invoiceModel: 'Invoice', invoiceIdField: 'id', invoiceIdType: 'Int' })
    expect(int.startsWith(FRAGMENT_MARKER)).toBe(true)
    expect(fieldLine(int, 'TransactionQonto', 'factureId')).toBe('Int?')
    expect(fieldLine(int, 'QontoAllocation', 'factureId')).toBe('Int')
    expect(fieldLine(int, 'QontoAllocation', 'facture')).toBe(
      'Invoice @relation("QontoAllocationFacture", fields: [factureId], references: [id], onDelete: Restrict)',
    )
    const uuid = renderFragment({ invoiceModel: 'Bill', invoiceIdField: 'id', invoiceIdType: 'String', invoiceIdNativeType: '@db.Uuid' })
    expect(fieldLine(uuid, 'TransactionQonto', 'factureId')).toBe('String? @db.Uuid')
    expect(fieldLine(uuid, 'QontoAllocation', 'factureId')).toBe('String @db.Uuid')
    expect(fieldLine(uuid, 'TransactionQonto', 'facture')).toBe(
      'Bill? @relation("QontoTransactionFacture", fields: [factureId], references: [id], onDelete: SetNull)',
    )
  })

  it('uses the host datasource name for native types', () => {
    const text = renderFragment({
      invoiceModel: 'Bill',
      invoiceIdField: 'ref',
      invoiceIdType: 'String',
      invoiceIdNativeType: '@pg.VarChar(36)',
      datasourceName: 'pg',
    })
    expect(text).not.toContain('@db.')
    const host = [
      'datasource pg {\n  provider = "postgresql"\n  url = env("X")\n}',
      `model Bill {\n  ref String @id @pg.VarChar(36)\n  ${backRelationLines().join('\n  ')}\n}`,
    ].join('\n')
    const dmmf = parseSchema(
      [
        { name: 'host.prisma', text: host },
        { name: 'qonto-reconcile.prisma', text },
      ],
      { fr: 'test', en: 'test' },
    )
    const allocation = findModel(dmmf, 'QontoAllocation')
    expect(allocation.fields.find((f) => f.name === 'factureId')?.nativeType).toEqual(['VarChar', ['36']])
  })
})

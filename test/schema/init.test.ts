import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FRAGMENT_MARKER } from '../../src/schema/fragment.js'
import { findModel, parseSchema, readHostSchema } from '../../src/schema/host-schema.js'
import { installFragment } from '../../src/schema/install.js'
import { copyHost, removeCopies, runInit, snapshot } from './hosts.js'

afterAll(removeCopies)

const count = (text: string, needle: string): number => text.split(needle).length - 1

/** The DMMF of the whole schema as it is on disk (fragment included). */
function parseOnDisk(schemaPath: string) {
  const files = readHostSchema(schemaPath).files
  return parseSchema(files, { fr: 'test', en: 'test' })
}

function factureIdOf(schemaPath: string, model: string) {
  const field = findModel(parseOnDisk(schemaPath), model).fields.find((f) => f.name === 'factureId')!
  return { type: field.type, nativeType: field.nativeType ?? null, required: field.isRequired }
}

describe('qonto-reconcile init', () => {
  it('multi-file host (String cuid ids): writes qonto-reconcile.prisma in the folder and prints the back-relations', async () => {
    const project = copyHost('seed-folder')
    const before = snapshot(join(project, 'prisma'))
    const { code, stdout, stderr } = await runInit(['--invoice-model', 'Document', '--client-model', 'Marque'], project)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const after = snapshot(join(project, 'prisma'))
    // Only the fragment and the invariants' SQL are new; the host's files are untouched without --add-relations.
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'qonto-reconcile.invariants.sql', 'schema/qonto-reconcile.prisma'].sort())
    for (const [file, text] of Object.entries(before)) expect(after[file]).toBe(text)
    expect(after['schema/qonto-reconcile.prisma']!.startsWith(FRAGMENT_MARKER)).toBe(true)
    expect(stdout).toContain('écrit dans prisma/schema/qonto-reconcile.prisma')
    expect(stdout).toContain('Ajoutez ces lignes dans le modèle Document (prisma/schema/document.prisma)')
    expect(stdout).toContain('transactionsQonto TransactionQonto[] @relation("QontoTransactionFacture")')
    expect(stdout).toContain('npx prisma migrate dev')
    expect(stdout).toContain('npx prisma migrate diff --from-schema-datamodel')

    // Once the host adds the lines (here: --add-relations), the whole folder parses.
    expect((await runInit(['--invoice-model', 'Document', '--add-relations'], project)).code).toBe(0)
    expect(factureIdOf(join(project, 'prisma/schema'), 'QontoAllocation')).toEqual({ type: 'String', nativeType: null, required: true })
    expect(factureIdOf(join(project, 'prisma/schema'), 'TransactionQonto')).toMatchObject({ type: 'String', required: false })
  })

  it('single-file host (Int ids): a delimited block at the end, Int foreign keys, relations added once', async () => {
    const project = copyHost('invoice-int')
    const schema = join(project, 'prisma/schema.prisma')
    const first = await runInit(['--invoice-model', 'Invoice', '--add-relations'], project)
    expect(first.code).toBe(0)
    const once = readFileSync(schema, 'utf8')
    expect(count(once, '// >>> qonto-reconcile')).toBe(1)
    expect(count(once, '// <<< qonto-reconcile')).toBe(1)
    expect(once.trimEnd().endsWith('// <<< qonto-reconcile')).toBe(true)
    expect(count(once, '@relation("QontoTransactionFacture")')).toBe(1)
    expect(factureIdOf(schema, 'QontoAllocation')).toEqual({ type: 'Int', nativeType: null, required: true })
    expect(factureIdOf(schema, 'TransactionQonto')).toEqual({ type: 'Int', nativeType: null, required: false })
    const invoice = findModel(parseOnDisk(schema), 'Invoice')
    expect(invoice.fields.filter((f) => f.relationName === 'QontoAllocationFacture').map((f) => f.name)).toEqual(['qontoAllocations'])

    // Idempotent: same file, relations not duplicated, says nothing changed.
    const second = await runInit(['--invoice-model', 'Invoice', '--add-relations'], project)
    expect(second.code).toBe(0)
    expect(readFileSync(schema, 'utf8')).toBe(once)
    expect(second.stdout).toContain('déjà à jour')
    expect(second.stdout).toContain('Relations inverses : déjà présentes dans le modèle Invoice.')
  })

  it('uuid host: the foreign keys carry @db.Uuid', async () => {
    const project = copyHost('uuid-host')
    const schema = join(project, 'prisma/schema.prisma')
    expect((await runInit(['--invoice-model', 'Bill', '--add-relations'], project)).code).toBe(0)
    expect(factureIdOf(schema, 'QontoAllocation')).toEqual({ type: 'String', nativeType: ['Uuid', []], required: true })
    expect(factureIdOf(schema, 'TransactionQonto')).toEqual({ type: 'String', nativeType: ['Uuid', []], required: false })
  })

  it('is idempotent on a folder too, with and without --add-relations', async () => {
    const project = copyHost('seed-folder')
    const folder = join(project, 'prisma')
    await runInit(['--invoice-model', 'Document', '--add-relations'], project)
    const once = snapshot(folder)
    expect(count(once['schema/document.prisma']!, 'QontoAllocationFacture')).toBe(1)
    await runInit(['--invoice-model', 'Document', '--add-relations'], project)
    await runInit(['--invoice-model', 'Document'], project)
    expect(snapshot(folder)).toEqual(once)
  })

  it('replaces an outdated fragment (another invoice model) instead of adding a second one', async () => {
    const project = copyHost('invoice-int')
    const schema = join(project, 'prisma/schema.prisma')
    await runInit(['--invoice-model', 'Invoice'], project)
    const stale = readFileSync(schema, 'utf8').replace('// Invoice model: Invoice.id', '// Invoice model: old')
    writeFileSync(schema, stale)
    const { code, stdout } = await runInit(['--invoice-model', 'Invoice'], project)
    expect(code).toBe(0)
    expect(stdout).toContain('écrit dans')
    const text = readFileSync(schema, 'utf8')
    expect(count(text, FRAGMENT_MARKER)).toBe(1)
    expect(text).not.toContain('// Invoice model: old')
  })

  it('--dry-run writes nothing and shows the fragment', async () => {
    const project = copyHost('seed-folder')
    const before = snapshot(join(project, 'prisma'))
    const { code, stdout } = await runInit(['--invoice-model', 'Document', '--add-relations', '--dry-run'], project)
    expect(code).toBe(0)
    expect(snapshot(join(project, 'prisma'))).toEqual(before)
    expect(stdout).toContain("Essai (--dry-run) : rien n'a été écrit.")
    expect(stdout).toContain('model QontoAllocation {')
    expect(stdout).toContain('Relations inverses qui seraient ajoutées au modèle Document')
  })

  it('unknown model: exit 2, French message naming it and listing the models, nothing written', async () => {
    const project = copyHost('invoice-int')
    const before = snapshot(join(project, 'prisma'))
    const { code, stdout, stderr } = await runInit(['--invoice-model', 'Document'], project)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain("Modèle « Document » introuvable dans le schéma Prisma de l'application.")
    expect(stderr).toContain('Modèles disponibles : Account, Customer, Invoice, InvoiceLine.')
    expect(snapshot(join(project, 'prisma'))).toEqual(before)
    const client = await runInit(['--invoice-model', 'Invoice', '--client-model', 'Client'], project)
    expect(client.code).toBe(2)
    expect(client.stderr).toContain('Modèle « Client » introuvable')
  })

  it('an invoice model with no client relation: exit 2 saying why, nothing written', async () => {
    const project = copyHost('invoice-int')
    const schemaPath = join(project, 'prisma', 'schema.prisma')
    writeFileSync(schemaPath, readFileSync(schemaPath, 'utf8').replace(/^\s*customer\s+Customer\s+@relation.*$/m, '').replace(/^\s*invoices\s+Invoice\[\]\s*$/m, ''))
    const before = snapshot(join(project, 'prisma'))
    const { code, stderr } = await runInit(['--invoice-model', 'Invoice', '--client-model', 'Customer'], project)
    expect(code).toBe(2)
    expect(stderr).toContain("Le modèle « Invoice » n'a pas de relation vers « Customer » : qonto-reconcile rapproche un paiement des factures d'un client")
    expect(snapshot(join(project, 'prisma'))).toEqual(before)
    // Without --client-model: some client relation is still required.
    expect((await runInit(['--invoice-model', 'Invoice'], project)).stderr).toContain("n'a pas de relation vers un modèle de clients")
  })

  it('composite-id invoice model: exit 2 with a clear message', async () => {
    const project = copyHost('invoice-int')
    const { code, stderr } = await runInit(['--invoice-model', 'InvoiceLine'], project)
    expect(code).toBe(2)
    expect(stderr).toContain('« InvoiceLine » a un identifiant composé (@@id([invoiceNumber, position]))')
  })

  it('bad usage: exit 2 with the usage text', async () => {
    const project = copyHost('invoice-int')
    const missing = await runInit([], project)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--invoice-model')
    expect(missing.stderr).toContain('Usage : qonto-reconcile init')
    const unknown = await runInit(['--invoice-model', 'Invoice', '--force'], project)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Arguments invalides')
    const noSchema = await runInit(['--invoice-model', 'Invoice', '--schema', 'nowhere/schema.prisma'], project)
    expect(noSchema.code).toBe(2)
    expect(noSchema.stderr).toMatch(/Schéma Prisma introuvable : \S*nowhere\/schema\.prisma/)
  })

  it('refuses a host that already declares one of the extension models by hand', async () => {
    const project = copyHost('invoice-int')
    const schema = join(project, 'prisma/schema.prisma')
    writeFileSync(schema, `${readFileSync(schema, 'utf8')}\nmodel QontoSyncState {\n  id String @id\n}\n`)
    const { code, stderr } = await runInit(['--invoice-model', 'Invoice'], project)
    expect(code).toBe(2)
    expect(stderr).toContain('définit déjà « QontoSyncState » hors du fragment généré')
  })

  it('imports only node builtins, src/schema and the schema parser (no AdminJS, no Prisma client)', () => {
    const sources = ['src/cli/init.command.ts', 'src/schema/install.ts', 'src/schema/host-schema.ts', 'src/schema/fragment.ts']
    for (const source of sources) {
      const text = readFileSync(new URL(`../../${source}`, import.meta.url), 'utf8')
      const specifiers = [...text.matchAll(/^import [^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!)
      for (const specifier of specifiers) {
        expect(specifier, `${source} imports ${specifier}`).toMatch(/^(node:|\.\/|\.\.\/schema\/|@prisma\/prisma-schema-wasm$)/)
      }
    }
  })

  it('installFragment returns what it did and what is left to the host', () => {
    const project = copyHost('invoice-int')
    const schemaPath = join(project, 'prisma/schema.prisma')
    const result = installFragment({ schemaPath, invoiceModel: 'Invoice', clientModel: 'Customer', write: true, addBackRelations: false })
    expect(result).toMatchObject({
      kind: 'file',
      fragmentPath: schemaPath,
      fragmentChanged: true,
      invoiceId: { name: 'id', type: 'Int' },
      written: [schemaPath],
      invoiceModelPath: schemaPath,
      backRelationsAdded: [],
      backRelationsToAdd: [
        'transactionsQonto TransactionQonto[] @relation("QontoTransactionFacture")',
        'qontoAllocations  QontoAllocation[]  @relation("QontoAllocationFacture")',
      ],
    })
  })
})

// A host that follows the README (`init`, then its own migration of the schema) gets the same money
// invariants as the reference host: init writes the SQL Prisma's schema cannot express (CHECK
// constraints, the work queue's partial index), as a file and as a ready migration, and the database
// itself then refuses an over-allocation, a zero allocation and a negative write-off.
// The CREATE TABLE SQL comes from `prisma migrate diff` on an in-memory PGlite (no PostgreSQL server
// needed: it runs in the plain `npm test`); the invariants are then checked on PGlite.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, it } from 'vitest'
import { copyHost, HOSTS_DIR, removeCopies, runInit } from './hosts.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

afterAll(removeCopies)

describe('the invariants Prisma cannot express, in a host that follows the README', () => {
  it('init writes them (file and ready migration); the database then refuses an over-allocation, a zero allocation, a negative write-off', async () => {
    const project = copyHost('invoice-int')
    mkdirSync(join(project, 'prisma/migrations'))
    const init = await runInit(['--invoice-model', 'Invoice', '--client-model', 'Customer', '--add-relations', '--migrations', 'prisma/migrations'], project)
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toContain('contraintes CHECK')
    const file = readFileSync(join(project, 'prisma/qonto-reconcile.invariants.sql'), 'utf8')
    const [migration] = readdirSync(join(project, 'prisma/migrations'))
    expect(migration).toMatch(/^\d{14}_qonto_reconcile_invariants$/)
    expect(readFileSync(join(project, 'prisma/migrations', migration!, 'migration.sql'), 'utf8')).toBe(file)
    // Run again: the same migration, not a second one.
    await runInit(['--invoice-model', 'Invoice', '--add-relations', '--migrations', 'prisma/migrations'], project)
    expect(readdirSync(join(project, 'prisma/migrations'))).toEqual([migration])

    const tables = execFileSync(
      join(ROOT, 'node_modules/.bin/prisma'),
      ['migrate', 'diff', '--config', join(HOSTS_DIR, 'prisma.pglite.config.ts'), '--from-empty', '--to-schema-datamodel', join(project, 'prisma/schema.prisma'), '--script'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgresql://pglite@localhost/in-memory', CHECKPOINT_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const db = new PGlite()
    try {
      await db.exec(tables)
      await db.exec(file)
      await db.exec(file) // idempotent
      await db.exec(`
        INSERT INTO "Customer" (id, name) VALUES (1, 'Boulangerie Martin');
        INSERT INTO "Invoice" (id, number, "amountInclTax", state, "customerId", "issuedOn") VALUES (1, 'INV-1', 100, 'OPEN', 1, '2026-11-01');
        INSERT INTO transactions_qonto (id, "qontoId", montant, "dateTransaction", "qontoUpdatedAt", "updatedAt") VALUES ('t1', 'q1', 100, now(), now(), now());`)
      const refused = async (sql: string) => db.exec(sql).then(() => 'accepted', (error: Error) => error.message)
      expect(await refused(`UPDATE transactions_qonto SET "montantAlloue" = 100.01 WHERE id = 't1'`)).toMatch(/transactions_montants_check/)
      expect(await refused(`INSERT INTO qonto_allocations (id, "transactionId", "factureId", montant) VALUES ('a0', 't1', 1, 0)`)).toMatch(/qonto_allocations_montant_check/)
      expect(await refused(`INSERT INTO qonto_allocations (id, "transactionId", "factureId", montant, ecart) VALUES ('a1', 't1', 1, 10, -1)`)).toMatch(/qonto_allocations_ecart_positive/)
      expect(await refused(`UPDATE transactions_qonto SET "montantAlloue" = 100 WHERE id = 't1'`)).toBe('accepted')
      const index = await db.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'transactions_unreconciled_idx'`)
      expect(index.rows[0]?.indexdef).toContain('WHERE')
      // The queue's first page, ignored payments left out (issue 20).
      const queue = await db.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'transactions_qonto_a_rapprocher_idx'`)
      expect(queue.rows[0]?.indexdef).toMatch(/\("dateTransaction", id\) WHERE .*"ignoreCategorie" IS NULL/)
    } finally {
      await db.close()
    }
    expect(existsSync(join(project, 'prisma/qonto-reconcile.invariants.sql'))).toBe(true)
  }, 120_000)
})

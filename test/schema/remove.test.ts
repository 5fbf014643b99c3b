// The way out: `qonto-reconcile remove` undoes `init` in the schema (fragment and back-relations out,
// the host's files as they were) and writes the SQL that drops the extension's tables, clearing the
// host's notification links to its screens; applied, the host's data stays and the extension's is gone.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, it } from 'vitest'
import { removeCommand } from '../../src/cli/remove.command.js'
import { copyHost, removeCopies, runInit, snapshot } from './hosts.js'

afterAll(removeCopies)

async function runRemove(args: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const out = process.stdout.write.bind(process.stdout)
  const err = process.stderr.write.bind(process.stderr)
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write
  try {
    return { code: await removeCommand(args, cwd), stdout, stderr }
  } finally {
    process.stdout.write = out
    process.stderr.write = err
  }
}

describe('qonto-reconcile remove', () => {
  it('single-file host: the schema back as it was before init, and the SQL to drop the tables', async () => {
    const project = copyHost('invoice-int')
    const before = snapshot(join(project, 'prisma'))
    expect((await runInit(['--invoice-model', 'Invoice', '--add-relations'], project)).code).toBe(0)
    const { code, stdout, stderr } = await runRemove(['--notification-model', 'Account', '--notification-link', 'email'], project)
    expect({ code, stderr }).toEqual({ code: 2, stderr: expect.stringContaining("n'est pas un texte facultatif") })
    const removed = await runRemove([], project)
    expect(removed.code, removed.stderr).toBe(0)
    expect(removed.stdout).toContain('Exportez ce que le comptable doit garder')
    const after = snapshot(join(project, 'prisma'))
    expect(after['schema.prisma']).toBe(before['schema.prisma'])
    const sql = after['qonto-reconcile.remove.sql']!
    expect(sql).toContain('DROP TABLE IF EXISTS "transactions_qonto" CASCADE;')
    expect(sql).toContain('DROP TABLE IF EXISTS "qonto_allocations" CASCADE;')
    expect(sql).toContain('DROP TYPE IF EXISTS "QontoStatutTransaction";')
    expect(stdout).toBe('')
    // Nothing left to remove: said so, exit 2.
    expect((await runRemove([], project)).stderr).toContain('rien à retirer')
  })

  it("multi-file host: the fragment file deleted, back-relations out, the host's notification links cleared by the SQL", async () => {
    const project = copyHost('seed-folder')
    const before = snapshot(join(project, 'prisma'))
    expect((await runInit(['--invoice-model', 'Document', '--add-relations'], project)).code).toBe(0)
    const removed = await runRemove(['--notification-model', 'Notification', '--notification-link', 'lien', '--root-path', '/backoffice'], project)
    expect(removed.code, removed.stderr).toBe(0)
    const after = snapshot(join(project, 'prisma'))
    for (const [file, text] of Object.entries(before)) expect(after[file], file).toBe(text)
    expect(after['schema/qonto-reconcile.prisma']).toBeUndefined()
    const sql = readFileSync(join(project, 'prisma/qonto-reconcile.remove.sql'), 'utf8')

    // Applied to a database with a notification linking to the extension and one linking elsewhere.
    const db = new PGlite()
    try {
      await db.exec(`CREATE TABLE "notifications" (id int PRIMARY KEY, message text, lien text);
        CREATE TYPE "QontoSens" AS ENUM ('CREDIT', 'DEBIT');
        CREATE TABLE "transactions_qonto" (id text PRIMARY KEY, sens "QontoSens");
        CREATE TABLE "qonto_allocations" (id text PRIMARY KEY, "transactionId" text REFERENCES "transactions_qonto"(id));
        INSERT INTO "notifications" VALUES (1, 'Nouveau paiement', '/backoffice/resources/TransactionQonto/records/t1/show'),
          (2, 'Rapprochement', '/backoffice/pages/rapprochement'), (3, 'Facture', '/backoffice/resources/Document/records/d1/show');`)
      await db.exec(sql)
      const links = await db.query<{ id: number; message: string; lien: string | null }>('SELECT id, message, lien FROM notifications ORDER BY id')
      expect(links.rows).toEqual([
        { id: 1, message: 'Nouveau paiement', lien: null },
        { id: 2, message: 'Rapprochement', lien: null },
        { id: 3, message: 'Facture', lien: '/backoffice/resources/Document/records/d1/show' },
      ])
      const tables = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('transactions_qonto', 'qonto_allocations')`)
      expect(tables.rows[0]!.n).toBe(0)
    } finally {
      await db.close()
    }
  })
})

// The SQL a host gets for the extension's models, from its schema before and after `init`.
// Works offline on these machines (Prisma 6.19, no engine download) with the fixtures' config:
//
//   npx prisma migrate diff --config test/fixtures/hosts/prisma.config.ts \
//     --from-schema-datamodel <host schema before init> \
//     --to-schema-datamodel <host schema after init> --script
//
// (file or multi-file folder on either side). The config selects the JS engine with a PrismaPg
// adapter, which connects to PostgreSQL (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
// even for a diff between two schema files; so this test is skipped when that server is not reachable
// (start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`).
import { execFileSync } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { copyHost, HOSTS_DIR, removeCopies, runInit } from './hosts.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

const reachable = await postgresReachable()

afterAll(removeCopies)

describe.skipIf(!reachable)(`prisma migrate diff after init${reachable ? '' : ' (skipped: PostgreSQL not reachable for the CLI\'s driver adapter)'}`, () => {
  it('Int host: creates "qonto_allocations" with an INTEGER "factureId" foreign key to "Invoice"', async () => {
    const project = copyHost('invoice-int')
    const after = join(project, 'prisma/schema.prisma')
    const before = join(project, 'before.prisma')
    copyFileSync(after, before)
    expect((await runInit(['--invoice-model', 'Invoice', '--add-relations'], project)).code).toBe(0)

    const sql = execFileSync(
      join(ROOT, 'node_modules/.bin/prisma'),
      [
        'migrate', 'diff',
        '--config', join(HOSTS_DIR, 'prisma.config.ts'),
        '--from-schema-datamodel', before,
        '--to-schema-datamodel', after,
        '--script',
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL, CHECKPOINT_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const allocations = /CREATE TABLE "qonto_allocations" \(([\s\S]*?)\n\);/.exec(sql)?.[1]
    expect(allocations).toBeDefined()
    expect(allocations).toContain('"factureId" INTEGER NOT NULL')
    expect(/CREATE TABLE "transactions_qonto" \(([\s\S]*?)\n\);/.exec(sql)?.[1]).toContain('"factureId" INTEGER,')
    expect(sql).toMatch(/ALTER TABLE "qonto_allocations" ADD CONSTRAINT "\w+" FOREIGN KEY \("factureId"\) REFERENCES "Invoice"\("id"\) ON DELETE RESTRICT/)
    expect(sql).toMatch(/ALTER TABLE "transactions_qonto" ADD CONSTRAINT "\w+" FOREIGN KEY \("factureId"\) REFERENCES "Invoice"\("id"\) ON DELETE SET NULL/)
    // The host's own tables are not changed: the back-relations are virtual fields.
    expect(sql).not.toMatch(/ALTER TABLE "(Invoice|Customer|Account)"/)
    expect(sql).not.toMatch(/\bDROP\b/)
  })
})

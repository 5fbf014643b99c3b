import { afterEach, describe, expect, it } from 'vitest'
import { migrate, readMigrations, MigrationChecksumError } from '../examples/src/migrate.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js'

describe.each(databaseKinds())('migrations on %s', (kind) => {
  let db: TestDatabase
  afterEach(async () => db?.close())

  it('applies every migration once on an empty database, then re-running is a no-op', async () => {
    db = await createTestDatabase(kind, { fresh: true })
    const again = await migrate(db.sql)
    expect(again.applied).toEqual([])
    expect(again.alreadyApplied).toEqual(readMigrations().map((m) => m.name))
    expect(await db.prisma.transactionQonto.count()).toBe(0)
  })

  it('refuses a migration edited after it was applied', async () => {
    db = await createTestDatabase(kind)
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'tampered' } : m))
    await expect(migrate(db.sql, edited)).rejects.toBeInstanceOf(MigrationChecksumError)
  })

  it('rolls back a failing migration entirely and records nothing', async () => {
    db = await createTestDatabase(kind)
    const broken = [
      ...readMigrations(),
      { name: '9999_broken', checksum: 'x', sql: 'CREATE TABLE "half_done" (id int); SELECT * FROM missing_table;' },
    ]
    await expect(migrate(db.sql, broken)).rejects.toThrow()
    const tables = await db.sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`)
    expect(tables).toHaveLength(0)
    const recorded = await db.sql.query(`SELECT 1 FROM "_qr_migrations" WHERE name = '9999_broken'`)
    expect(recorded).toHaveLength(0)
  })

  it('enforces money invariants in the database itself', async () => {
    db = await createTestDatabase(kind)
    await expect(
      db.prisma.document.create({
        data: { reference: 'F-1', montantTTC: '100.00', montantPaye: '150.00', dateEmission: new Date() },
      }),
    ).rejects.toThrow()
  })
})

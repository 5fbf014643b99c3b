import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SqlRunner } from './database.js'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const MIGRATION_LOCK_KEY = 7_240_001

export interface Migration {
  name: string
  sql: string
  checksum: string
}

export interface MigrationReport {
  applied: string[]
  alreadyApplied: string[]
}

export class MigrationChecksumError extends Error {}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

/**
 * Applies pending migrations in name order, each in its own transaction, and records a checksum:
 * an applied migration whose file changed is refused instead of silently diverging.
 * Several processes may start at once: an advisory lock makes them take turns.
 */
export async function migrate(sql: SqlRunner, migrations = readMigrations()): Promise<MigrationReport> {
  return sql.withLock(MIGRATION_LOCK_KEY, async () => {
    await sql.query(`CREATE TABLE IF NOT EXISTS "_qr_migrations" (
      "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL,
      "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP)`)
    const rows = await sql.query<{ name: string; checksum: string }>(
      'SELECT "name", "checksum" FROM "_qr_migrations"',
    )
    const applied = new Map(rows.map((row) => [row.name, row.checksum]))
    const report: MigrationReport = { applied: [], alreadyApplied: [] }
    for (const migration of migrations) {
      const checksum = applied.get(migration.name)
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new MigrationChecksumError(
            `La migration ${migration.name} a été modifiée après avoir été appliquée ` +
              '(somme de contrôle différente). Créez une nouvelle migration au lieu de la modifier.',
          )
        }
        report.alreadyApplied.push(migration.name)
        continue
      }
      const record = `INSERT INTO "_qr_migrations" ("name", "checksum") VALUES ('${migration.name.replace(/'/g, "''")}', '${migration.checksum}');`
      await sql.execInTransaction(`${migration.sql}\n;\n${record}`)
      report.applied.push(migration.name)
    }
    return report
  })
}

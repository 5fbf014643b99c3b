import { randomBytes } from 'node:crypto'
import { openDatabase, type Database } from '../../examples/src/database.js'
import { migrate } from '../../examples/src/migrate.js'
import { ensurePostgresTemplate, pgliteTemplateBlob, withAdminClient } from './database-templates.js'

export type DatabaseKind = 'pglite' | 'postgresql'

/**
 * PGlite always; PostgreSQL too when TEST_DATABASE_URL (or DATABASE_URL) is set.
 * TEST_DATABASE_KINDS=postgresql keeps only PostgreSQL (CI runs both, in one run: .ci/run).
 */
export function databaseKinds(): DatabaseKind[] {
  if (!postgresAdminUrl()) return ['pglite']
  return process.env.TEST_DATABASE_KINDS === 'postgresql' ? ['postgresql'] : ['pglite', 'postgresql']
}

function postgresAdminUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
}

export interface TestDatabase extends Database {
  /** PostgreSQL URL of this throw-away database (undefined on PGlite). */
  url?: string
}

export interface TestDatabaseOptions {
  /** Run every migration on an empty database instead of copying the migrated template. */
  fresh?: boolean
}

/** A migrated database of its own: in-memory PGlite, or a new PostgreSQL database dropped on close. */
export async function createTestDatabase(kind: DatabaseKind, { fresh = false }: TestDatabaseOptions = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    if (!fresh) return openDatabase({ memory: true, loadDataDir: await pgliteTemplateBlob() })
    const db = await openDatabase({ memory: true })
    await migrate(db.sql)
    return db
  }
  const adminUrl = postgresAdminUrl()
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const created = await createPostgresDatabase(fresh ? undefined : await ensurePostgresTemplate(adminUrl))
  const db = await openDatabase({ url: created.url })
  if (fresh) await migrate(db.sql)
  return {
    ...db,
    url: created.url,
    async close() {
      await db.close()
      await created.drop()
    },
  }
}

export interface PostgresDatabase {
  url: string
  /** Drops it, whoever is still connected. */
  drop(): Promise<void>
}

/** A new PostgreSQL database of its own on TEST_DATABASE_URL's server: empty, or a copy of `template`. */
export async function createPostgresDatabase(template?: string): Promise<PostgresDatabase> {
  const adminUrl = postgresAdminUrl()
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `qr_test_${randomBytes(6).toString('hex')}`
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => void (await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  }
}

import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from '../../examples/src/database.js'
import { migrate } from '../../examples/src/migrate.js'

export type DatabaseKind = 'pglite' | 'postgresql'

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL (or DATABASE_URL) is set. */
export function databaseKinds(): DatabaseKind[] {
  return postgresAdminUrl() ? ['pglite', 'postgresql'] : ['pglite']
}

function postgresAdminUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
}

export interface TestDatabase extends Database {
  /** PostgreSQL URL of this throw-away database (undefined on PGlite). */
  url?: string
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped on close. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ memory: true })
    await migrate(db.sql)
    return db
  }
  const adminUrl = postgresAdminUrl()
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `qr_test_${randomBytes(6).toString('hex')}`
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const db = await openDatabase({ url: url.toString() })
  await migrate(db.sql)
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close()
      await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}

async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

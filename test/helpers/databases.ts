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
    if (!fresh) return reusedPglite()
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

/**
 * PGlite databases closed by earlier tests of this process, emptied, for the next one: starting a copy
 * of the template costs about 0.5 s of CPU, emptying one about 0.05 s. A closed database is taken back
 * only when its schema is still the template's (a test that altered a table, a trigger, a function or a
 * type gets a fresh copy next time); its rows are deleted and its session reset (DISCARD ALL).
 */
const idlePglites: Database[] = []
/** The template's schema fingerprint; null when the template has rows of its own (emptying would lose them: no reuse). */
let templateSchema: Promise<string | null> | undefined

async function reusedPglite(): Promise<TestDatabase> {
  const idle = idlePglites.pop()
  const db = idle ?? (await openDatabase({ memory: true, loadDataDir: await pgliteTemplateBlob() }))
  if (!idle) templateSchema ??= userTables(db).then(async (tables) => ((await hasRows(db, tables)) ? null : schemaFingerprint(db)))
  await templateSchema
  let closed = false
  return {
    ...db,
    async close() {
      if (closed) return
      closed = true
      if (await emptiedForReuse(db)) idlePglites.push(db)
      else await db.close()
    },
  }
}

async function emptiedForReuse(db: Database): Promise<boolean> {
  try {
    const template = await templateSchema
    if (template === null || (await schemaFingerprint(db)) !== template) return false
    await emptyDatabase(db)
    return true
  } catch {
    return false // a database a test broke: closed, never reused
  }
}

const USER_SCHEMAS = `NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`

/** Everything a test could change in the schema, as one hash: tables and columns, constraints, indexes, triggers, functions, types, views, sequences. */
async function schemaFingerprint(db: Database): Promise<string> {
  const [row] = await db.sql.query<{ fingerprint: string }>(`SELECT md5(string_agg(item, E'\\n' ORDER BY item)) AS fingerprint FROM (
    SELECT format('column %s.%s %s %s %s', table_schema, table_name, column_name, data_type, is_nullable) || coalesce(column_default, '') AS item FROM information_schema.columns WHERE table_schema ${USER_SCHEMAS}
    UNION ALL SELECT format('constraint %s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) FROM pg_constraint WHERE connamespace::regnamespace::text ${USER_SCHEMAS}
    UNION ALL SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname ${USER_SCHEMAS}
    UNION ALL SELECT format('trigger %s %s %s', tgrelid::regclass, tgname, tgenabled) FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT format('function %s %s', oid::regprocedure, md5(prosrc)) FROM pg_proc WHERE pronamespace::regnamespace::text ${USER_SCHEMAS}
    UNION ALL SELECT format('type %s %s', enumtypid::regtype, string_agg(enumlabel, ',' ORDER BY enumsortorder)) FROM pg_enum GROUP BY enumtypid
    UNION ALL SELECT format('view %s.%s %s', schemaname, viewname, md5(definition)) FROM pg_views WHERE schemaname ${USER_SCHEMAS}
    UNION ALL SELECT format('sequence %s.%s', schemaname, sequencename) FROM pg_sequences WHERE schemaname ${USER_SCHEMAS}
    UNION ALL SELECT format('migration %s %s', name, checksum) FROM "_qr_migrations"
  ) items`)
  return row!.fingerprint
}

/** Deletes every row but the migrations' record (the template has no other), restarts the sequences, resets the session. */
async function emptyDatabase(db: Database): Promise<void> {
  const tables = await userTables(db)
  const sequences = await db.sql.query<{ name: string }>(`SELECT format('%I.%I', schemaname, sequencename) AS name FROM pg_sequences WHERE schemaname ${USER_SCHEMAS}`)
  // Replica role: no foreign-key check nor trigger while every table is emptied, in any order.
  await db.sql.execInTransaction(
    ['SET LOCAL session_replication_role = replica', ...tables.map((name) => `DELETE FROM ${name}`), ...sequences.map(({ name }) => `ALTER SEQUENCE ${name} RESTART`)].join(';\n'),
  )
  await db.sql.query('DISCARD ALL')
}

/** The tables tests write to: all but the migrations' record. */
async function userTables(db: Database): Promise<string[]> {
  const rows = await db.sql.query<{ name: string }>(`SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname ${USER_SCHEMAS} AND tablename <> '_qr_migrations'`)
  return rows.map(({ name }) => name)
}

async function hasRows(db: Database, tables: string[]): Promise<boolean> {
  const [row] = await db.sql.query<{ rows: boolean }>(`SELECT ${tables.map((name) => `EXISTS (SELECT FROM ${name})`).join(' OR ')} AS rows`)
  return row!.rows
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

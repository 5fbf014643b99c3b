/**
 * Migrated templates, so a test database is a copy instead of a fresh initdb plus every migration:
 * PGlite loads a dumped data directory, PostgreSQL creates the database `TEMPLATE` a migrated one.
 * Both are keyed by the migrations' names and checksums, so a new or edited migration makes a new
 * template, and worktrees with different migrations never share one.
 *
 * Loading a PGlite template is most of a test database's cost, and it grows with the dump's size and
 * the buffer pool postgres sets up at start. So the PGlite template is kept small: 1 MiB WAL segments
 * (a default one is 16 MiB of mostly zeros), no template0/template1 (no test creates a database inside
 * PGlite), and a 16 MB buffer pool written into the data directory (postgresql.auto.conf), which starts
 * in about half the time of PGlite's 128 MB on an in-memory file system where a miss costs no I/O.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { openDatabase, pgliteSqlRunner } from '../../examples/src/database.js'
import { migrate, readMigrations } from '../../examples/src/migrate.js'

export function migrationsKey(): string {
  const hash = createHash('sha256')
  for (const migration of readMigrations()) hash.update(`${migration.name}:${migration.checksum}\n`)
  return hash.digest('hex').slice(0, 16)
}

/** Bumped whenever the way the PGlite template is made changes, so an older one in the temp dir is not reused. */
const PGLITE_TEMPLATE_FORMAT = 2

const pgliteTemplateFile = () => join(tmpdir(), `qr-pglite-template-v${PGLITE_TEMPLATE_FORMAT}-${migrationsKey()}.tar`)

/** Writes the PGlite template once (atomically: concurrent runs each write their own file, then rename). */
export async function ensurePgliteTemplate(): Promise<string> {
  const file = pgliteTemplateFile()
  if (existsSync(file)) return file
  const pglite = await PGlite.create({ initDbStartParams: ['--wal-segsize=1'] })
  try {
    await migrate(pgliteSqlRunner(pglite))
    await shrinkForCopies(pglite)
    const dump = await pglite.dumpDataDir('none')
    const partial = `${file}.${randomBytes(4).toString('hex')}`
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
    renameSync(partial, file)
  } finally {
    await pglite.close()
  }
  return file
}

/** What every copy would load and start for nothing: the two template databases, spare WAL, a large buffer pool. */
async function shrinkForCopies(pglite: PGlite): Promise<void> {
  await pglite.query(`UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')`)
  // DROP DATABASE refuses a transaction block: one statement per call.
  await pglite.query('DROP DATABASE template0')
  await pglite.query('DROP DATABASE template1')
  await pglite.query(`ALTER SYSTEM SET shared_buffers = '16MB'`)
  await pglite.query(`ALTER SYSTEM SET min_wal_size = '2MB'`)
  await pglite.query(`ALTER SYSTEM SET max_wal_size = '4MB'`)
  await pglite.query('CHECKPOINT')
}

let pgliteTemplate: Promise<Blob> | undefined

/** The template's bytes, read once per test process. */
export function pgliteTemplateBlob(): Promise<Blob> {
  pgliteTemplate ??= ensurePgliteTemplate().then((file) => new Blob([readFileSync(file)]))
  return pgliteTemplate
}

/** Creates the migrated PostgreSQL template database once (under a temporary name, then renamed). */
export async function ensurePostgresTemplate(adminUrl: string): Promise<string> {
  const name = `qr_template_${migrationsKey()}`
  const exists = await withAdminClient(adminUrl, async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount)
  if (exists) return name
  const building = `qr_template_build_${randomBytes(6).toString('hex')}`
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${building}`))
  const url = new URL(adminUrl)
  url.pathname = `/${building}`
  const db = await openDatabase({ url: url.toString() })
  try {
    await migrate(db.sql)
  } finally {
    await db.close()
  }
  await withAdminClient(adminUrl, async (client) => {
    try {
      await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`)
    } catch (error) {
      // Another run built the same template meanwhile: keep theirs.
      await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`)
      if ((error as { code?: string }).code !== '42P04') throw error
    }
  })
  return name
}

export async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

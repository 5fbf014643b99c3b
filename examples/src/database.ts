import { mkdirSync } from 'node:fs'
import { PrismaClient } from '@prisma/client'
import { PrismaPg } from '@prisma/adapter-pg'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import pg from 'pg'

/** Runs raw SQL scripts (migrations) on either engine. */
export interface SqlRunner {
  /** Runs a multi-statement script inside one transaction. */
  execInTransaction(sql: string): Promise<void>
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  /** Serialises callers across processes (PostgreSQL advisory lock); PGlite has one connection. */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>
  /** Runs fn only if nobody else holds the lock (any process); otherwise returns { ran: false }. */
  tryWithLock<T>(key: number, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>
}

export interface Database {
  kind: 'postgresql' | 'pglite'
  prisma: PrismaClient
  sql: SqlRunner
  close(): Promise<void>
}

/** `loadDataDir`: start an in-memory PGlite from a dumped data directory (a migrated template, in tests). */
export type DatabaseTarget = { url: string } | { pgliteDir: string } | { memory: true; loadDataDir?: Blob }

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return 'url' in target ? openPostgres(target.url) : openPglite(target)
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  // An idle connection closed by the server (restart, failover) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on('error', () => undefined)
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  const sql: SqlRunner = {
    async execInTransaction(script) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query(script)
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    async query(text, params) {
      return (await pool.query(text, params)).rows
    },
    async withLock(key, fn) {
      const client = await pool.connect()
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key])
        try {
          return await fn()
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key])
        }
      } finally {
        client.release()
      }
    },
    async tryWithLock(key, fn) {
      const client = await pool.connect()
      try {
        const [row] = (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key])).rows
        if (!row?.locked) return { ran: false }
        try {
          return { ran: true, value: await fn() }
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key])
        }
      } finally {
        client.release()
      }
    },
  }
  return {
    kind: 'postgresql',
    prisma,
    sql,
    async close() {
      await prisma.$disconnect()
      await pool.end().catch(() => undefined)
    },
  }
}

async function openPglite(target: { pgliteDir: string } | { memory: true; loadDataDir?: Blob }): Promise<Database> {
  let dataDir: string | undefined
  if ('pgliteDir' in target) {
    mkdirSync(target.pgliteDir, { recursive: true })
    dataDir = target.pgliteDir
  }
  const loadDataDir = 'loadDataDir' in target ? target.loadDataDir : undefined
  const pglite = await PGlite.create({ dataDir, loadDataDir })
  // pglite-prisma-adapter pins its own copy of @prisma/driver-adapter-utils: same shape, distinct type.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) as never })
  return {
    kind: 'pglite',
    prisma,
    sql: pgliteSqlRunner(pglite),
    async close() {
      await prisma.$disconnect()
      await pglite.close()
    },
  }
}

export function pgliteSqlRunner(pglite: PGlite): SqlRunner {
  const heldLocks = new Set<number>()
  return {
    async execInTransaction(script) {
      await pglite.transaction(async (tx) => {
        await tx.exec(script)
      })
    },
    async query(text, params) {
      return (await pglite.query(text, params)).rows as never[]
    },
    withLock: (_key, fn) => fn(),
    // One process owns a PGlite directory, so an in-memory set is the lock.
    async tryWithLock(key, fn) {
      if (heldLocks.has(key)) return { ran: false }
      heldLocks.add(key)
      try {
        return { ran: true, value: await fn() }
      } finally {
        heldLocks.delete(key)
      }
    },
  }
}

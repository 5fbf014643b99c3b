import type { AppConfig } from './config.js'
import { openDatabase, type Database } from './database.js'

/** DATABASE_URL → PostgreSQL; otherwise the embedded PGlite under PGLITE_DIR. */
export function openConfiguredDatabase(config: Pick<AppConfig, 'DATABASE_URL' | 'PGLITE_DIR'>): Promise<Database> {
  return openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { pgliteDir: config.PGLITE_DIR })
}

/** The database's address without credentials, for logs. */
export function describeDatabase(config: Pick<AppConfig, 'DATABASE_URL' | 'PGLITE_DIR'>): string {
  if (!config.DATABASE_URL) return `PGlite (${config.PGLITE_DIR})`
  const url = new URL(config.DATABASE_URL)
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`
}

/**
 * The reference host's users and the extension's context over its models, without its AdminJS app:
 * a use-case test imports this, not app.ts, and so never loads AdminJS (about 1.5 s of CPU per file).
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { User } from '@prisma/client'
import { loadConfig } from '../../examples/src/config.js'
import { createLogger } from '../../examples/src/logger.js'
import { hashPassword } from '../../examples/src/passwords.js'
import { reconciliationOptions, SCHEMA_DIR } from '../../examples/src/reconciliation-options.js'
import { createContext, type Actor, type ReconciliationContext } from '../../src/context.js'
import { connectRooms } from '../../src/core.js'
import { dmmfFromSchemaFiles, readSchemaFiles, type FullDmmf } from '../../src/host/dmmf.js'
import type { CoreOptions } from '../../src/options.js'
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js'

export const ADMIN = { email: 'maud@test.fr', password: 'mot-de-passe-admin' }
export const READER = { email: 'lecteur@test.fr', password: 'mot-de-passe-lecteur' }

/** scrypt takes ~60 ms of CPU on purpose; the two fixed passwords are hashed once per test process. */
const passwordHashes = new Map<string, Promise<string>>()
function testPasswordHash(password: string): Promise<string> {
  let hash = passwordHashes.get(password)
  if (!hash) passwordHashes.set(password, (hash = hashPassword(password)))
  return hash
}

/** Maud (ADMIN) and a reader (LECTEUR), who sign in with ADMIN and READER. */
export async function createTestUsers(db: TestDatabase) {
  const [admin, reader] = await Promise.all([
    db.prisma.user.create({
      data: { email: ADMIN.email, nom: 'Maud', role: 'ADMIN', passwordHash: await testPasswordHash(ADMIN.password) },
    }),
    db.prisma.user.create({
      data: { email: READER.email, nom: 'Lecteur', role: 'LECTEUR', passwordHash: await testPasswordHash(READER.password) },
    }),
  ])
  return { admin, reader }
}

/** The reference host's options for qonto-reconcile (its Document / Marque / User / Notification mapping). */
export function hostOptions(db: TestDatabase, env: Record<string, string> = {}, overrides: Partial<CoreOptions> = {}): CoreOptions {
  const fullEnv = { NODE_ENV: 'test', LOGIN_MAX_ATTEMPTS: '5', ...env }
  const options = { ...reconciliationOptions(db, loadConfig(fullEnv), createLogger('silent'), fullEnv), ...overrides }
  return options.schema === SCHEMA_DIR && !options.dmmf ? { ...options, dmmf: referenceHostDmmf() } : options
}

/**
 * The reference host's full DMMF, read from a file in the temp dir keyed by its schema files: Prisma's
 * schema engine (WebAssembly) takes about 0.5 s of CPU to make it, in every test process otherwise.
 */
let dmmf: FullDmmf | undefined
function referenceHostDmmf(): FullDmmf {
  if (dmmf) return dmmf
  const files = readSchemaFiles(SCHEMA_DIR)
  const key = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16)
  const file = join(tmpdir(), `qr-reference-dmmf-${key}.json`)
  if (existsSync(file)) return (dmmf = JSON.parse(readFileSync(file, 'utf8')) as FullDmmf)
  dmmf = dmmfFromSchemaFiles(files)
  // Atomically: processes that make it at once each write their own file, then rename.
  const partial = `${file}.${randomBytes(4).toString('hex')}`
  writeFileSync(partial, JSON.stringify(dmmf))
  renameSync(partial, file)
  return dmmf
}

/** The extension's context over the reference host's models, the feed connected to the reconciliation as the core does: what every use-case takes. */
export function testContext(db: TestDatabase, env: Record<string, string> = {}, overrides: Partial<CoreOptions> = {}): ReconciliationContext {
  return connectRooms(createContext(hostOptions(db, env, overrides)))
}

export interface ContextOptions {
  /** The host's settings (QONTO_*, …) as testContext takes them. */
  env?: Record<string, string>
  /** Options over the reference host's (sendEmail, timeZone, …). */
  overrides?: Partial<CoreOptions>
}

/** A fresh migrated database with the extension's context over it, and no users. */
export async function databaseWithContext(kind: DatabaseKind, { env = {}, overrides = {} }: ContextOptions = {}) {
  const db = await createTestDatabase(kind)
  return { db, ctx: testContext(db, env, overrides) }
}

export interface MaudOptions extends ContextOptions {
  /** How Maud's actions are signed in the audit trail; her e-mail unless a test says otherwise. */
  actorLabel?: string
}

export interface MaudsDatabase {
  db: TestDatabase
  ctx: ReconciliationContext
  admin: User
  reader: User
  /** Maud as the actor of a use-case. */
  maud: Actor
}

/** databaseWithContext, with Maud (ADMIN) and a reader signed up. */
export async function databaseWithMaud(kind: DatabaseKind, { actorLabel, ...options }: MaudOptions = {}): Promise<MaudsDatabase> {
  const { db, ctx } = await databaseWithContext(kind, options)
  const { admin, reader } = await createTestUsers(db)
  return { db, ctx, admin, reader, maud: { userId: admin.id, label: actorLabel ?? admin.email } }
}

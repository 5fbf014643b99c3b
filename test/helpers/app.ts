import request from 'supertest'
import { afterAll, beforeAll } from 'vitest'
import { loadConfig } from '../../examples/src/config.js'
import { createApp } from '../../examples/src/app.js'
import { createLogger } from '../../examples/src/logger.js'
import { hashPassword } from '../../examples/src/passwords.js'
import { reconciliationOptions } from '../../examples/src/reconciliation-options.js'
import { createContext, type ReconciliationContext } from '../../src/context.js'
import { connectRooms } from '../../src/core.js'
import type { CoreOptions } from '../../src/options.js'
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js'

export const ADMIN = { email: 'maud@test.fr', password: 'mot-de-passe-admin' }
export const READER = { email: 'lecteur@test.fr', password: 'mot-de-passe-lecteur' }

export async function createTestUsers(db: TestDatabase) {
  const [admin, reader] = await Promise.all([
    db.prisma.user.create({
      data: { email: ADMIN.email, nom: 'Maud', role: 'ADMIN', passwordHash: await hashPassword(ADMIN.password) },
    }),
    db.prisma.user.create({
      data: { email: READER.email, nom: 'Lecteur', role: 'LECTEUR', passwordHash: await hashPassword(READER.password) },
    }),
  ])
  return { admin, reader }
}

/** The reference host's options for qonto-reconcile (its Document / Marque / User / Notification mapping). */
export function hostOptions(db: TestDatabase, env: Record<string, string> = {}, overrides: Partial<CoreOptions> = {}): CoreOptions {
  const fullEnv = { NODE_ENV: 'test', LOGIN_MAX_ATTEMPTS: '5', ...env }
  return { ...reconciliationOptions(db, loadConfig(fullEnv), createLogger('silent'), fullEnv), ...overrides }
}

/** The extension's context over the reference host's models, the feed connected to the reconciliation as the core does: what every use-case takes. */
export function testContext(db: TestDatabase, env: Record<string, string> = {}, overrides: Partial<CoreOptions> = {}): ReconciliationContext {
  return connectRooms(createContext(hostOptions(db, env, overrides)))
}

export function createTestApp(db: TestDatabase, env: Record<string, string> = {}) {
  const fullEnv = { NODE_ENV: 'test', LOGIN_MAX_ATTEMPTS: '5', ...env }
  const config = loadConfig(fullEnv)
  return createApp({ db, config, logger: createLogger('silent'), env: fullEnv })
}

/** A supertest agent logged into the panel (keeps the session cookie). */
export async function loggedInAgent(app: Parameters<typeof request.agent>[0], who: { email: string; password: string }) {
  const agent = request.agent(app)
  const response = await agent.post('/admin/login').type('form').send(who)
  if (response.status !== 302) throw new Error(`login failed for ${who.email}: ${response.status}`)
  return agent
}

/** A fresh PGlite database with the reference host's app on it, for one describe block (optional seeding first). */
export function useTestApp(seed: (db: TestDatabase) => Promise<void> = async (db) => void (await createTestUsers(db)), kind: DatabaseKind = 'pglite') {
  const state = {} as { db: TestDatabase; app: ReturnType<typeof createTestApp> }
  beforeAll(async () => {
    state.db = await createTestDatabase(kind)
    await seed(state.db)
    state.app = createTestApp(state.db)
  }, 120_000)
  afterAll(async () => {
    await state.app?.close()
    await state.db?.close()
  })
  return state
}

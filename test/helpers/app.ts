import request from 'supertest'
import { afterAll, beforeAll } from 'vitest'
import { loadConfig } from '../../examples/src/config.js'
import { createApp } from '../../examples/src/app.js'
import { createLogger } from '../../examples/src/logger.js'
import { createTestUsers, databaseWithMaud } from './context.js'
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js'

// What a test needs without the app lives in context.ts (no AdminJS to load); still exported from here.
export { ADMIN, READER, createTestUsers, hostOptions, testContext } from './context.js'

export function createTestApp(db: TestDatabase, env: Record<string, string> = {}) {
  const fullEnv = { NODE_ENV: 'test', LOGIN_MAX_ATTEMPTS: '5', ...env }
  const config = loadConfig(fullEnv)
  return createApp({ db, config, logger: createLogger('silent'), env: fullEnv })
}

export type TestApp = ReturnType<typeof createTestApp>

/** databaseWithMaud (same `env`), and the reference host's app on that database. */
export async function openTestApp(kind: DatabaseKind, env: Record<string, string> = {}) {
  const opened = await databaseWithMaud(kind, { env })
  return { ...opened, app: createTestApp(opened.db, env) }
}

/** Closes what openTestApp opened (either may be missing when the opening failed). */
export async function closeTestApp(app: TestApp | undefined, db: TestDatabase | undefined) {
  await app?.close()
  await db?.close()
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
  const state = {} as { db: TestDatabase; app: TestApp }
  beforeAll(async () => {
    state.db = await createTestDatabase(kind)
    await seed(state.db)
    state.app = createTestApp(state.db)
  }, 120_000)
  afterAll(async () => closeTestApp(state.app, state.db))
  return state
}

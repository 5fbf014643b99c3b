import request from 'supertest'
import { loadConfig } from '../../src/config.js'
import { createApp } from '../../src/http/app.js'
import { createLogger } from '../../src/logger.js'
import { hashPassword } from '../../src/services/passwords.js'
import type { TestDatabase } from './databases.js'

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

/** Issue 13: the same guards with NODE_ENV=production: Secure cookie behind the proxy, HSTS, no stack traces. */
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, createTestApp, createTestUsers } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

describe('in production', () => {
  let db: TestDatabase
  let app: ReturnType<typeof createTestApp>
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    await createTestUsers(db)
    app = createTestApp(db, { NODE_ENV: 'production', SESSION_SECRET: 'f3a9c1e07b2d4c8e9a6b5d4c3e2f1a0b9c8d7e6f' })
  }, 60_000)
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it('sets a Secure, HttpOnly, SameSite=Strict session cookie behind the HTTPS proxy, and HSTS', async () => {
    const login = await request(app.app).post('/admin/login').set('X-Forwarded-Proto', 'https').type('form').send(ADMIN)
    expect(login.status).toBe(302)
    const cookie = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('qr.sid='))!
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Strict/)
    expect(login.headers['strict-transport-security']).toBeDefined()
  })

  it('answers bad parameters and failures without a stack trace', async () => {
    const login = await request(app.app).post('/admin/login').set('X-Forwarded-Proto', 'https').type('form').send(ADMIN)
    const cookie = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('qr.sid='))!.split(';')[0]!
    for (const path of ['/admin/api/resources/Marque/actions/list?filters.createdAt~~from=zzz', '/admin/api/resources/TransactionQonto/records/nope/show']) {
      const response = await request(app.app).get(path).set('X-Forwarded-Proto', 'https').set('Cookie', cookie)
      expect(response.status).toBeLessThan(500)
      expect(response.text).not.toMatch(/\n\s+at |node_modules|\.js:\d+/)
    }
  })
})

/** Issue 13: the same guards with NODE_ENV=production: Secure cookie behind the proxy, HSTS, no stack traces. */
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../examples/src/config.js'
import { ADMIN, createTestApp, createTestUsers } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const SESSION_SECRET = 'f3a9c1e07b2d4c8e9a6b5d4c3e2f1a0b9c8d7e6f'

describe('in production', () => {
  let db: TestDatabase
  let app: ReturnType<typeof createTestApp>
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    await createTestUsers(db)
    app = createTestApp(db, { NODE_ENV: 'production', SESSION_SECRET, TRUST_PROXY: 'loopback' })
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

/** Issue 23 item 5: X-Forwarded-For is believed only from the proxies TRUST_PROXY names (none by default). */
describe('login rate limit in production', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    await createTestUsers(db)
  }, 60_000)
  afterAll(() => db.close())

  const attempts = async (app: ReturnType<typeof createTestApp>, forwardedFor: (i: number) => string) => {
    const statuses: number[] = []
    for (let i = 0; i < 7; i += 1) {
      const response = await request(app.app).post('/admin/login').set('X-Forwarded-For', forwardedFor(i)).type('form').send({ email: ADMIN.email, password: `faux-${i}` })
      statuses.push(response.status)
    }
    await app.close()
    return statuses
  }

  it('is not reset by rotating X-Forwarded-For when no proxy is trusted', async () => {
    const statuses = await attempts(createTestApp(db, { NODE_ENV: 'production', SESSION_SECRET }), (i) => `198.51.100.${i}`)
    expect(statuses.slice(5)).toEqual([429, 429])
  })

  it('keys on the client the trusted proxy names', async () => {
    // Behind a trusted proxy (loopback here), each client has its own count; one client is throttled.
    const rotating = await attempts(createTestApp(db, { NODE_ENV: 'production', SESSION_SECRET, TRUST_PROXY: 'loopback' }), (i) => `198.51.100.${i}`)
    expect(rotating).not.toContain(429)
    const same = await attempts(createTestApp(db, { NODE_ENV: 'production', SESSION_SECRET, TRUST_PROXY: 'loopback' }), () => '203.0.113.9')
    expect(same.slice(5)).toEqual([429, 429])
  })

  it('refuses a TRUST_PROXY that would believe any client', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET }).trustProxy).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET, TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback'])
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET }).HOST).toBe('127.0.0.1')
  })
})

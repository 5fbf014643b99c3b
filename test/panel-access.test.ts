import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../examples/src/config.js'
import { ADMIN, READER, createTestApp, createTestUsers, loggedInAgent } from './helpers/app.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js'

/** AdminJS answers a refused action with 200 and a ForbiddenError (and no data), not with 403. */
function expectForbidden(response: request.Response) {
  expect(response.status).toBe(200)
  expect(response.body.record?.baseError?.type).toBe('ForbiddenError')
}

describe.each(databaseKinds())('panel login and access control on %s', (kind) => {
  let db: TestDatabase
  let app: ReturnType<typeof createTestApp>
  let invoiceId: string

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    const { admin } = await createTestUsers(db)
    await db.prisma.user.create({
      data: { email: 'parti@test.fr', nom: 'Parti', role: 'ADMIN', actif: false, passwordHash: admin.passwordHash },
    })
    const marque = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS' } })
    const invoice = await db.prisma.document.create({
      data: { reference: 'FACT-2026-001', montantTTC: '1500.00', statut: 'ENVOYE', dateEmission: new Date('2026-11-01'), marqueId: marque.id },
    })
    invoiceId = invoice.id
    app = createTestApp(db)
  })
  afterAll(async () => {
    await app?.close()
    await db?.close()
  })

  it('logs the admin in with a strict, httpOnly session cookie', async () => {
    const response = await request(app.app).post('/admin/login').type('form').send(ADMIN)
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe('/admin')
    const cookie = String(response.headers['set-cookie'])
    expect(cookie).toMatch(/qr\.sid=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(await db.prisma.session.count()).toBeGreaterThan(0)
  })

  it('refuses a wrong password, an unknown e-mail and an inactive user', async () => {
    for (const credentials of [
      { email: ADMIN.email, password: 'mauvais-mot-de-passe' },
      { email: 'inconnu@test.fr', password: ADMIN.password },
      { email: 'parti@test.fr', password: ADMIN.password },
    ]) {
      const response = await request(app.app).post('/admin/login').type('form').send(credentials)
      expect(response.status).toBe(200)
      expect(response.text).toContain('E-mail ou mot de passe incorrect')
    }
  })

  it('keeps the API closed to anonymous visitors', async () => {
    const response = await request(app.app).get('/admin/api/resources/Document/actions/list')
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe('/admin/login')
  })

  it('lets the read-only user list invoices but not change or delete them', async () => {
    const agent = await loggedInAgent(app.app, READER)
    const list = await agent.get('/admin/api/resources/Document/actions/list')
    expect(list.status).toBe(200)
    expect(list.body.records.map((r: { params: { reference: string } }) => r.params.reference)).toEqual(['FACT-2026-001'])

    const edit = await agent.post(`/admin/api/resources/Document/records/${invoiceId}/edit`).send({ statut: 'PAYE' })
    expectForbidden(edit)
    const remove = await agent.post(`/admin/api/resources/Document/records/${invoiceId}/delete`)
    expectForbidden(remove)
    const create = await agent.post('/admin/api/resources/Document/actions/new').send({ reference: 'X', montantTTC: '1' })
    expectForbidden(create)
    expect(await db.prisma.document.count()).toBe(1)
    const users = await agent.get('/admin/api/resources/User/actions/list')
    expectForbidden(users)
    expect(users.body.records).toEqual([])
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: invoiceId } })).statut).toBe('ENVOYE')
  })

  it('lets the admin edit an invoice', async () => {
    const agent = await loggedInAgent(app.app, ADMIN)
    const edit = await agent.post(`/admin/api/resources/Document/records/${invoiceId}/edit`).send({ statut: 'EN_ATTENTE' })
    expect(edit.status).toBe(200)
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: invoiceId } })).statut).toBe('EN_ATTENTE')
  })

  it('never exposes password hashes, even to admins', async () => {
    const agent = await loggedInAgent(app.app, ADMIN)
    const users = await agent.get('/admin/api/resources/User/actions/list')
    expect(users.status).toBe(200)
    expect(users.body.records).toHaveLength(3)
    expect(JSON.stringify(users.body)).not.toContain('scrypt$')
    const show = await agent.get(`/admin/api/resources/User/records/${users.body.records[0].id}/show`)
    expect(show.status).toBe(200)
    expect(show.body.record.params.email).toBeDefined()
    expect(JSON.stringify(show.body)).not.toContain('scrypt$')
  })

  it('creates users with a hashed password and rejects a short one', async () => {
    const agent = await loggedInAgent(app.app, ADMIN)
    const short = await agent
      .post('/admin/api/resources/User/actions/new')
      .send({ email: 'court@test.fr', nom: 'Court', role: 'LECTEUR', actif: true, motDePasse: 'court' })
    expect(JSON.stringify(short.body)).toContain('Au moins 10 caractères')
    expect(await db.prisma.user.count({ where: { email: 'court@test.fr' } })).toBe(0)

    const created = await agent
      .post('/admin/api/resources/User/actions/new')
      .send({ email: 'nouveau@test.fr', nom: 'Nouveau', role: 'LECTEUR', actif: true, motDePasse: 'un-bon-mot-de-passe' })
    expect(created.status).toBe(200)
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'nouveau@test.fr' } })
    expect(user.passwordHash).toMatch(/^scrypt\$/)
    const login = await request(app.app).post('/admin/login').type('form').send({ email: 'nouveau@test.fr', password: 'un-bon-mot-de-passe' })
    expect(login.status).toBe(302)
  })

  it('normalises and validates client IBANs', async () => {
    const agent = await loggedInAgent(app.app, ADMIN)
    const bad = await agent.post('/admin/api/resources/Marque/actions/new').send({ nom: 'Mauvais', 'ibans.0': 'FR76 1234' })
    expect(JSON.stringify(bad.body)).toContain('IBAN invalide')
    const good = await agent
      .post('/admin/api/resources/Marque/actions/new')
      .send({ nom: 'Bon Client', 'ibans.0': 'fr76 3000 4008 2300 0123 4567 819' })
    expect(good.status).toBe(200)
    const marque = await db.prisma.marque.findFirstOrThrow({ where: { nom: 'Bon Client' } })
    expect(marque.ibans).toEqual(['FR7630004008230001234567819'])
  })

  it('answers the health check with the database state', async () => {
    const response = await request(app.app).get('/healthz')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ status: 'ok', database: kind })
  })
})

describe('login brute-force protection', () => {
  it('throttles an IP after repeated failures, with a French message', async () => {
    const db = await createTestDatabase('pglite')
    await createTestUsers(db)
    const app = createTestApp(db, { LOGIN_MAX_ATTEMPTS: '3' })
    try {
      for (let i = 0; i < 3; i += 1) {
        const r = await request(app.app).post('/admin/login').type('form').send({ email: ADMIN.email, password: 'faux' })
        expect(r.status).toBe(200)
      }
      const blocked = await request(app.app).post('/admin/login').type('form').send(ADMIN)
      expect(blocked.status).toBe(429)
      expect(blocked.text).toContain('Trop de tentatives')
    } finally {
      await app.close()
      await db.close()
    }
  })
})

describe('health check when the database is down', () => {
  it('answers 503', async () => {
    const db = await createTestDatabase('pglite')
    const app = createTestApp(db)
    await db.close()
    const response = await request(app.app).get('/healthz')
    expect(response.status).toBe(503)
    await app.close()
  })
})

describe('production configuration', () => {
  it('refuses to start without a strong SESSION_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError)
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(40) })).toThrow(/SESSION_SECRET/)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'f3a9c1e07b2d4c68a5e9f0b1c2d3e4f5a6b7c8d9' }).isProduction).toBe(true)
  })

  it('names the offending variable on bad input', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
  })
})

/**
 * Issue 13 items 3, 5 and 9 on the reference host: cross-origin writes refused, session id renewed
 * at login whatever the path (issue 23 item 8), sessions ended when the account changes. Bodies
 * before login: request-bodies.test.ts.
 */
import request from 'supertest'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../../examples/src/passwords.js'
import { ADMIN, READER, createTestApp, createTestUsers, loggedInAgent } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const sid = (response: request.Response) => (response.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('qr.sid='))?.split(';')[0]

describe('guards around the panel', () => {
  let db: TestDatabase
  let app: ReturnType<typeof createTestApp>
  let users: Awaited<ReturnType<typeof createTestUsers>>
  beforeEach(async () => {
    db = await createTestDatabase('pglite')
    users = await createTestUsers(db)
    app = createTestApp(db)
  })
  afterEach(async () => {
    await app.close()
    await db.close()
  })

  it('refuses a state-changing request from another origin or port, accepts the same origin', async () => {
    const agent = await loggedInAgent(app.app, ADMIN)
    const create = (headers: Record<string, string>) =>
      agent.post('/admin/api/resources/Marque/actions/new').set(headers).send({ nom: 'Client forgé' })
    expect((await create({ Origin: 'http://127.0.0.1:9999' })).status).toBe(403)
    expect((await create({ 'Sec-Fetch-Site': 'same-site' })).status).toBe(403)
    expect(await db.prisma.marque.count({ where: { nom: 'Client forgé' } })).toBe(0)
    expect((await create({ Host: 'backoffice.test', Origin: 'http://backoffice.test', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200)
    expect(await db.prisma.marque.count({ where: { nom: 'Client forgé' } })).toBe(1)
    // A browser form under a strict referrer policy says Origin: null, and Sec-Fetch-Site says where it comes from.
    expect((await create({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200)
    expect((await create({ Origin: 'null', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
  })

  it.each(['/admin/login', '/admin/login/', '/ADMIN/LOGIN', '/admin/Login'])('gives a new session id at login through %s (a planted session id is worth nothing)', async (path) => {
    // The attacker signs in with their own account and plants that session id in the victim's browser.
    const attacker = await request(app.app).post('/admin/login').type('form').send(READER)
    const planted = sid(attacker)!
    expect(planted).toBeDefined()
    const victim = await request(app.app).post(path).set('Cookie', planted).type('form').send(ADMIN)
    expect(victim.status).toBe(302)
    expect(sid(victim)).toBeDefined()
    expect(sid(victim)).not.toBe(planted)
    // The planted id does not carry the victim's rights.
    const withPlanted = await request(app.app).post('/admin/api/resources/Marque/actions/new').set('Cookie', planted).send({ nom: 'Par le planté' })
    expect(await db.prisma.marque.count({ where: { nom: 'Par le planté' } })).toBe(0)
    expect(withPlanted.status).not.toBe(500)
  })

  it.each([
    ['deactivated', (id: string) => db.prisma.user.update({ where: { id }, data: { actif: false } })],
    ['demoted', (id: string) => db.prisma.user.update({ where: { id }, data: { role: 'LECTEUR' } })],
    ['given a new password', async (id: string) => db.prisma.user.update({ where: { id }, data: { passwordHash: await hashPassword('un-tout-autre-mot-de-passe') } })],
    ['deleted', (id: string) => db.prisma.user.delete({ where: { id } })],
  ])('ends the sessions of a user who is %s', async (_what, change) => {
    const agent = await loggedInAgent(app.app, ADMIN)
    expect((await agent.get('/admin/api/resources/Marque/actions/list')).status).toBe(200)
    await change(users.admin.id)
    const after = await agent.post('/admin/api/resources/Marque/actions/new').send({ nom: 'Après coup' })
    expect(after.status).toBe(401)
    expect((await agent.get('/admin/api/resources/Marque/actions/list')).status).not.toBe(200)
    expect(await db.prisma.marque.count({ where: { nom: 'Après coup' } })).toBe(0)
  })
})

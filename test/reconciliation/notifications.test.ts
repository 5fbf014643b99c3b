import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notify } from '../../src/context.js'
import { ADMIN, createTestApp, createTestUsers, loggedInAgent, testContext } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

describe('admin notifications in the panel', () => {
  let db: TestDatabase
  let app: ReturnType<typeof createTestApp>
  let adminId: string
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    const { admin } = await createTestUsers(db)
    adminId = admin.id
    // The extension hands its notifications to the host's adapter (the reference host: one per active admin).
    const ctx = testContext(db)
    await db.prisma.$transaction((tx) =>
      notify(ctx, tx, [
        { key: 'k1', type: 'PAIEMENT_RECU', title: 'Nouveau paiement Qonto', message: 'a', link: null },
        { key: 'k2', type: 'PAIEMENT_RECU', title: 'Nouveau paiement Qonto', message: 'b', link: null },
        { key: 'k3', type: 'PAIEMENT_RECU', title: 'Nouveau paiement Qonto', message: 'c', link: null },
      ]),
    )
    app = createTestApp(db)
  })
  afterAll(async () => {
    await app.close()
    await db.close()
  })

  it('counts unread notifications on the dashboard and marks them read by POST only, one or several', async () => {
    const agent = await loggedInAgent(app.app, ADMIN)
    expect((await agent.get('/admin/api/dashboard')).body.unreadNotifications).toBe(3)
    const [first, second, third] = await db.prisma.notification.findMany({ where: { userId: adminId }, orderBy: { message: 'asc' } })
    await agent.get(`/admin/api/resources/Notification/records/${first!.id}/marquerLu`)
    expect((await agent.get('/admin/api/dashboard')).body.unreadNotifications).toBe(3)
    const one = await agent.post(`/admin/api/resources/Notification/records/${first!.id}/marquerLu`)
    expect(one.body).toMatchObject({ ok: true, message: 'Notification marquée comme lue.' })
    const bulk = await agent.post(`/admin/api/resources/Notification/bulk/marquerLus?recordIds=${second!.id},${third!.id}`)
    expect(bulk.body.message).toBe('2 notification(s) marquée(s) comme lue(s).')
    expect((await agent.get('/admin/api/dashboard')).body.unreadNotifications).toBe(0)
  })

  it('never lists nor changes another user notifications', async () => {
    const agent = await loggedInAgent(app.app, { email: 'lecteur@test.fr', password: 'mot-de-passe-lecteur' })
    const list = await agent.get('/admin/api/resources/Notification/actions/list')
    expect(list.body.records).toEqual([])
    const someone = await db.prisma.notification.findFirstOrThrow({ where: { userId: adminId } })
    await db.prisma.notification.update({ where: { id: someone.id }, data: { lu: false } })
    const attempt = await agent.post(`/admin/api/resources/Notification/bulk/marquerLus?recordIds=${someone.id}`)
    // Someone else's notification in the selection makes the whole action forbidden (its content is not returned either).
    expect(JSON.stringify(attempt.body)).toContain('Forbidden')
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: someone.id } })).lu).toBe(false)
  })
})

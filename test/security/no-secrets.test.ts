/** Issue 13 item 1: no password hash leaves the server, through any resource, action or populated relation, for any role. */
import { describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { loggedInAgent, useTestApp } from '../helpers/app.js'

const RESOURCES = ['TransactionQonto', 'QontoAllocation', 'QontoAuditLog', 'Document', 'Marque', 'User', 'Notification']
/** Every record action of each resource, built-in and added (their GET answers carry the record). */
const RECORD_ACTIONS: Record<string, string[]> = {
  TransactionQonto: ['show', 'associer', 'dissocier'],
  QontoAllocation: ['show'],
  QontoAuditLog: ['show'],
  Document: ['show', 'edit', 'delete', 'rapprocherPaiement'],
  Marque: ['show', 'edit', 'delete'],
  User: ['show', 'edit', 'delete'],
  Notification: ['show', 'marquerLu'],
}
const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const READER = { email: 'comptable@agence-glow.fr', password: 'demo-lecture-2026' }

describe('secrets never serialised', () => {
  const test = useTestApp(async (db) => {
    await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })
    for (const user of await db.prisma.user.findMany()) {
      await db.prisma.notification.create({ data: { userId: user.id, type: 'TEST', titre: 'Test', message: 'Bonjour' } })
    }
  })

  it.each([
    ['the admin', MAUD],
    ['the read-only accountant', READER],
  ])('for %s: lists, record and bulk actions, searches and populated relations carry no hash', async (_who, credentials) => {
    const agent = await loggedInAgent(test.app.app, credentials)
    const bodies: string[] = []
    for (const resource of RESOURCES) {
      const list = await agent.get(`/admin/api/resources/${resource}/actions/list?perPage=50`)
      bodies.push(list.text)
      const first = (list.body.records as Array<{ id: string }> | undefined)?.[0]
      for (const action of first ? RECORD_ACTIONS[resource]! : []) bodies.push((await agent.get(`/admin/api/resources/${resource}/records/${first!.id}/${action}`)).text)
      if (first) bodies.push((await agent.get(`/admin/api/resources/${resource}/bulk/bulkDelete?recordIds=${first.id}`)).text)
      bodies.push((await agent.get(`/admin/api/resources/${resource}/search/`)).text)
    }
    bodies.push((await agent.get('/admin/api/dashboard')).text)
    const leaked = bodies.filter((body) => /passwordHash|scrypt\$/.test(body))
    expect(leaked).toEqual([])
    // The populated relation is there, without the hash.
    expect(bodies.join('\n')).toContain('"populated"')
  })
})

describe('own notifications only (issue 13 item 8)', () => {
  const test = useTestApp(async (db) => {
    await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })
    const maud = await db.prisma.user.findUniqueOrThrow({ where: { email: MAUD.email } })
    await db.prisma.notification.create({ data: { userId: maud.id, type: 'TEST', titre: 'Pour Maud seulement', message: 'Confidentiel' } })
  })

  it("keeps another user's notifications out of search and bulk actions", async () => {
    const reader = await loggedInAgent(test.app.app, READER)
    const mine = await test.db.prisma.notification.findFirstOrThrow({ where: { titre: 'Pour Maud seulement' } })
    const search = await reader.get('/admin/api/resources/Notification/search/Pour')
    expect(search.text).not.toContain('Confidentiel')
    const bulk = await reader.get(`/admin/api/resources/Notification/bulk/marquerLus?recordIds=${mine.id}`)
    expect(bulk.text).not.toContain('Confidentiel')
    await reader.post(`/admin/api/resources/Notification/bulk/marquerLus?recordIds=${mine.id}`).send({})
    expect((await test.db.prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).lu).toBe(false)
  })
})

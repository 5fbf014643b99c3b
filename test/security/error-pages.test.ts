/** Issue 13 item 13: bad parameters and failures answer a French message, never a stack trace. */
import { describe, expect, it } from 'vitest'
import { ADMIN, createTestUsers, loggedInAgent, useTestApp } from '../helpers/app.js'

describe('error answers', () => {
  const test = useTestApp()

  it.each([
    '/admin/api/resources/Marque/actions/list?sortBy=nope&direction=sideways',
    '/admin/api/resources/Marque/actions/list?page=-3&perPage=abc',
    '/admin/api/resources/Marque/search/%00',
    '/admin/api/resources/Document/actions/list?filters.montantTTC=%00',
    '/admin/api/resources/TransactionQonto/records/%00/show',
  ])('%s: no stack trace, no internal path', async (path) => {
    const agent = await loggedInAgent(test.app.app, ADMIN)
    const response = await agent.get(path)
    expect(response.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/)
  })
})

describe('the inline state of every page (issue 13 item 7)', () => {
  const test = useTestApp(async (db) => {
    const { admin } = await createTestUsers(db)
    await db.prisma.user.update({ where: { id: admin.id }, data: { nom: 'Maud</script><script>window.__pwned=1</script>' } })
  })

  it('never lets a display name close the script that carries it', async () => {
    const agent = await loggedInAgent(test.app.app, ADMIN)
    const page = await agent.get('/admin')
    expect(page.status).toBe(200)
    expect(page.text).not.toContain('<script>window.__pwned')
    expect(page.text.match(/<\/script>/g)!.length).toBe(page.text.match(/<script/g)!.length)
  })
})

/**
 * The notification adapter writes every recipient's notifications in one raw INSERT when the host's
 * model allows it (the reference host's: cuid id, database defaults), and keeps Prisma's createMany
 * for a model it cannot fill in by itself; either way each key notifies once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notify } from '../../src/context.js'
import type { FullDmmf } from '../../src/host/dmmf.js'
import { notificationModel, type ReconciliationNotification } from '../../src/host/notifications.js'
import { createTestUsers, testContext } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const note = (key: string, message: string, link: string | null = null): ReconciliationNotification => ({ key, type: 'PAIEMENT_RECU', title: 'Nouveau paiement Qonto', message, link })

describe('notifications written in one raw INSERT (reference host)', () => {
  let db: TestDatabase
  const admins: string[] = []
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    const { admin } = await createTestUsers(db)
    const second = await db.prisma.user.create({ data: { email: 'second@test.fr', nom: 'Second', role: 'ADMIN', passwordHash: 'x' } })
    await db.prisma.user.create({ data: { email: 'parti@test.fr', nom: 'Parti', role: 'ADMIN', actif: false, passwordHash: 'x' } })
    admins.push(admin.id, second.id)
  })
  afterAll(async () => db.close())

  it('gives each active admin each notification once, with the fields mapped, database defaults and cuid-shaped ids in order', async () => {
    const ctx = testContext(db)
    const batch = [note('n1', 'premier', '/admin/pages/rapprochement'), note('n2', "l'autre « 2 »")]
    await db.prisma.$transaction((tx) => notify(ctx, tx, batch))
    // Again, and a new one: the keys already given are not notified twice.
    await db.prisma.$transaction((tx) => notify(ctx, tx, [...batch, note('n3', 'troisième')]))
    const rows = await db.prisma.notification.findMany({ orderBy: { id: 'asc' } })
    expect(rows).toHaveLength(6)
    for (const admin of admins) {
      const mine = rows.filter((row) => row.userId === admin)
      expect(mine.map((row) => [row.message, row.lien, row.type, row.titre, row.lu])).toEqual([
        ['premier', '/admin/pages/rapprochement', 'PAIEMENT_RECU', 'Nouveau paiement Qonto', false],
        ["l'autre « 2 »", null, 'PAIEMENT_RECU', 'Nouveau paiement Qonto', false],
        ['troisième', null, 'PAIEMENT_RECU', 'Nouveau paiement Qonto', false],
      ])
    }
    for (const row of rows) {
      expect(row.id).toMatch(/^c[0-9a-z]{24}$/)
      expect(row.date).toBeInstanceOf(Date)
    }
  })
})

describe('notification models the raw INSERT cannot fill in', () => {
  const field = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ name, type, kind: 'scalar', isRequired: true, ...extra })
  const dmmf = (notificationFields: ReturnType<typeof field>[]): FullDmmf => ({
    datamodel: {
      enums: [],
      models: [
        { name: 'User', fields: [field('id', 'String', { isId: true }), field('role', 'String')] },
        { name: 'Note', fields: [...notificationFields, field('user', 'User', { kind: 'object', relationFromFields: ['userId'], relationName: 'UserNote' })] },
      ],
    },
  })
  const base = [field('userId', 'String'), field('title', 'String'), field('body', 'String')]
  const options = { model: 'Note', fields: { user: 'userId', title: 'title', message: 'body' }, recipients: { model: 'User' } }
  /** A transaction client that says which way the adapter wrote. */
  const recorder = () => {
    const calls: string[] = []
    const tx = {
      user: { findMany: async () => [{ id: 'u1' }] },
      note: { createMany: async () => void calls.push('createMany') },
      $executeRawUnsafe: async () => void calls.push('raw'),
    }
    return { calls, tx }
  }

  it.each([
    ['an @updatedAt column', [field('id', 'String', { isId: true, hasDefaultValue: true, default: { name: 'uuid', args: [4] } }), field('changed', 'DateTime', { isUpdatedAt: true })], 'createMany'],
    ['another client-made default', [field('id', 'Int', { isId: true, hasDefaultValue: true, default: { name: 'autoincrement', args: [] } }), field('token', 'String', { hasDefaultValue: true, default: { name: 'nanoid', args: [] } })], 'createMany'],
    ['an id without a known default (a reduced DMMF)', [field('id', 'String', { isId: true })], 'createMany'],
    ['a cuid id of a native type (its length)', [field('id', 'String', { isId: true, hasDefaultValue: true, default: { name: 'cuid', args: [1] }, nativeType: ['Char', ['25']] })], 'createMany'],
    ['a uuid() id', [field('id', 'String', { isId: true, hasDefaultValue: true, default: { name: 'uuid', args: [4] } })], 'raw'],
    ['an autoincrement id', [field('id', 'Int', { isId: true, hasDefaultValue: true, default: { name: 'autoincrement', args: [] } })], 'raw'],
  ])('%s: %s', async (_label, idAndExtra, expected) => {
    const adapter = notificationModel(options)(dmmf([...idAndExtra, ...base]), {})
    const { calls, tx } = recorder()
    await adapter.notify([note('k', 'm')], tx)
    expect(calls).toEqual([expected])
  })
})

/**
 * A PGlite test database given back by close() is emptied and handed to the next test of the process
 * (test/helpers/databases.ts): the next test must find it as a fresh copy of the template would be.
 */
import { describe, expect, it } from 'vitest'
import { createTestDatabase } from './helpers/databases.js'

const user = { email: 'maud@test.fr', nom: 'Maud', role: 'ADMIN', passwordHash: 'x' } as const

describe('a PGlite test database after an earlier test closed one', () => {
  it('is the same database, emptied: no row left, the same unique e-mail accepted again, the session reset', async () => {
    const first = await createTestDatabase('pglite')
    await first.prisma.user.create({ data: user })
    await first.sql.query(`SET TIME ZONE 'Asia/Tokyo'`)
    await first.close()
    await first.close() // twice: still given back once

    const second = await createTestDatabase('pglite')
    const third = await createTestDatabase('pglite')
    try {
      expect(second.prisma).toBe(first.prisma)
      expect(third.prisma).not.toBe(first.prisma)
      expect(await second.prisma.user.count()).toBe(0)
      await second.prisma.user.create({ data: user })
      const [zone] = await second.sql.query<{ TimeZone: string }>('SHOW TIME ZONE')
      expect(zone!.TimeZone).not.toBe('Asia/Tokyo')
    } finally {
      await second.close()
      await third.close()
    }
  })

  it('is a fresh copy when the test changed the schema', async () => {
    const altered = await createTestDatabase('pglite')
    await altered.sql.query('ALTER TABLE "users" ADD COLUMN "left_behind" INTEGER')
    await altered.close()

    const next = await createTestDatabase('pglite')
    try {
      expect(next.prisma).not.toBe(altered.prisma)
      const columns = await next.sql.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'left_behind'`)
      expect(columns).toEqual([])
    } finally {
      await next.close()
    }
  })
})

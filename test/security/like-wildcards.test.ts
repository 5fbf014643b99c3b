/** Issue 13, item 14: "%" and "_" typed in a search are literal characters, not wildcards. */
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { containsPattern, escapeLike } from '../../src/db/like.js'

describe('escapeLike', () => {
  it('escapes the backslash first, then % and _', () => {
    expect(escapeLike('100%')).toBe('100\\%')
    expect(escapeLike('FAC_2026')).toBe('FAC\\_2026')
    expect(escapeLike('a\\b')).toBe('a\\\\b')
    expect(escapeLike('\\%')).toBe('\\\\\\%')
    expect(escapeLike('FAC-2026-0142 Dupont')).toBe('FAC-2026-0142 Dupont')
    expect(containsPattern('50%')).toBe('%50\\%%')
  })
})

describe('escapeLike on PostgreSQL (PGlite)', () => {
  let db: PGlite
  const rows = ['FAC-2026-0142', 'FAC_2026_0143', '100% payé', 'a\\b', 'Dupont', 'dupont_fils']
  beforeAll(async () => {
    db = new PGlite()
    await db.exec('CREATE TABLE t (v text)')
    for (const v of rows) await db.query('INSERT INTO t (v) VALUES ($1)', [v])
  })
  afterAll(async () => db.close())

  const search = async (sql: string, text: string) => (await db.query<{ v: string }>(sql, [containsPattern(text)])).rows.map((r) => r.v).sort()

  it.each([
    ['%', ['100% payé']],
    ['_', ['FAC_2026_0143', 'dupont_fils']],
    ['\\', ['a\\b']],
    ['FAC_', ['FAC_2026_0143']],
    ['', [...rows].sort()],
  ])('finds only the rows that contain %j literally', async (text, expected) => {
    expect(await search("SELECT v FROM t WHERE v LIKE $1 ESCAPE '\\'", text)).toEqual(expected)
    // Without an ESCAPE clause PostgreSQL's default escape is the backslash too (what Prisma's `contains` emits).
    expect(await search('SELECT v FROM t WHERE v LIKE $1', text)).toEqual(expected)
  })

  it('works the same with ILIKE (case-insensitive)', async () => {
    expect(await search("SELECT v FROM t WHERE v ILIKE $1 ESCAPE '\\'", 'DUPONT_')).toEqual(['dupont_fils'])
    expect(await search("SELECT v FROM t WHERE v ILIKE $1 ESCAPE '\\'", 'dupont')).toEqual(['Dupont', 'dupont_fils'])
  })
})

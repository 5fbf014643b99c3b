import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fr } from '../src/admin/locale/fr.js'
import { createTestApp } from './helpers/app.js'
import { createTestDatabase, type TestDatabase } from './helpers/databases.js'

type Tree = { [key: string]: string | Tree }
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)))))
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))

const adminjsDir = dirname(createRequire(import.meta.url).resolve('adminjs'))
const english = flatten(JSON.parse(readFileSync(join(adminjsDir, 'lib', 'locale', 'en', 'translation.json'), 'utf8')) as Tree)
const french = flatten(fr as unknown as Tree)

/** Keys AdminJS 7.8 translates without passing any value: a placeholder there is shown as « {{actionName}} ». */
const RAISED_WITHOUT_VALUES = ['messages.forbiddenError', 'messages.anyForbiddenError']

describe("AdminJS's French locale", () => {
  it('translates every key of AdminJS 7.8\'s English locale (but the list of languages Maud never sees)', () => {
    const missing = Object.keys(english).filter((key) => !key.startsWith('components.LanguageSelector.') && french[key] === undefined)
    expect(missing).toEqual([])
  })

  it('uses only the placeholders AdminJS fills for each message, and none where it fills none', () => {
    const wrong = Object.entries(french).flatMap(([key, text]) => {
      const allowed = RAISED_WITHOUT_VALUES.includes(key) ? new Set<string>() : placeholders(english[key] ?? '')
      const unknown = [...placeholders(text)].filter((name) => !allowed.has(name))
      return unknown.length > 0 ? [`${key}: ${unknown.join(', ')}`] : []
    })
    expect(wrong).toEqual([])
    // The plural forms keep the count.
    expect(placeholders(french['buttons.confirmRemovalMany_plural']!)).toEqual(new Set(['count']))
  })

  it('a forbidden action reads as a sentence, with no internal name', () => {
    expect(french['messages.forbiddenError']).toBe('Votre rôle ne permet pas cette action.')
    for (const key of ['messages.error404Action', 'messages.error404Record', 'messages.error404Resource']) expect(french[key]).not.toMatch(/\{\{/)
  })
})

describe('page titles in the reference host', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
  })
  afterAll(async () => {
    await db.close()
  })

  it('a list is titled by what it lists and a record page by what it shows; the breadcrumb keeps AdminJS\'s own action names', async () => {
    const app = createTestApp(db)
    const locale = app.admin.options.locale as unknown as { translations: { fr: Tree } }
    const translations = flatten(locale.translations.fr)
    expect(translations['resources.TransactionQonto.actions.list']).toBe('Transactions Qonto')
    expect(translations['resources.TransactionQonto.actions.show']).toBe('Détail du paiement')
    expect(translations['resources.QontoAuditLog.actions.list']).toBe(translations['resources.QontoAuditLog.labels.QontoAuditLog'])
    expect(translations['resources.QontoAllocation.actions.list']).toBe(translations['resources.QontoAllocation.labels.QontoAllocation'])
    // A resource's own titles never leak into the global names (the breadcrumb of every resource reads them).
    expect(translations['actions.show']).toBe('Détail')
    expect(translations['actions.list']).toBe('Liste')
    expect(translations['actions.associer']).toBe('Associer')
    await app.close()
  })
})

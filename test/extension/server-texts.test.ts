/**
 * What the server writes for people follows the language: notifications, the client e-mail and
 * its signature in the `language` option, else the host's AdminJS locale, French by default; the
 * panel's notices in the host's locale. Every text exists in both languages, the English free of French.
 */
import { ComponentLoader } from 'adminjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createReconciliation } from '../../src/index.js'
import { SERVER_TEXTS, serverTexts } from '../../src/i18n/server-texts.js'
import { hostOptions } from '../helpers/context.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

function leaves(tree: Record<string, unknown>, language: 'fr' | 'en', path = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) => {
    const node = value as Record<string, unknown>
    if ('fr' in node && 'en' in node) {
      const text = node[language]
      return [[`${path}${key}`, typeof text === 'function' ? String((text as (...args: unknown[]) => string)(2, 'X', 'Y', 'Z')) : String(text)] as [string, string]]
    }
    return leaves(node, language, `${path}${key}.`)
  })
}

describe("the server's texts", () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
  }, 120_000)
  afterAll(async () => db?.close())

  it('every text in French and English, the English without French', () => {
    const english = leaves(SERVER_TEXTS, 'en')
    expect(english.length).toBe(leaves(SERVER_TEXTS, 'fr').length)
    expect(english.filter(([, text]) => /[àâçéèêîôû«»]|\b(le|la|les|des|du|paiement|facture|réglée)\b/.test(text))).toEqual([])
  })

  it("follows the host's locale, French by default; the language option wins for notifications and e-mails", async () => {
    const reconciliation = createReconciliation({ ...hostOptions(db), emailSignature: undefined, componentLoader: new ComponentLoader() })
    const { context: ctx } = reconciliation
    expect(serverTexts(ctx).newPayment.title).toBe('Nouveau paiement Qonto')
    expect(ctx.emailSignature).toBe("L'équipe")
    reconciliation.locale({ language: 'en', availableLanguages: ['en'] })
    expect(ctx.panelLanguage.current).toBe('en')
    expect(serverTexts(ctx).newPayment.title).toBe('New Qonto payment')
    expect(serverTexts(ctx).paidEmail.subjectOne('F-1')).toBe('Invoice F-1 paid')
    expect(ctx.emailSignature).toBe('The team')
    await reconciliation.stop()

    const french = createReconciliation({ ...hostOptions(db), language: 'fr', componentLoader: new ComponentLoader() })
    french.locale({ language: 'en', availableLanguages: ['en'] })
    // The panel is the host's (English); the e-mails and notifications stay in the configured French.
    expect(french.context.panelLanguage.current).toBe('en')
    expect(serverTexts(french.context).newPayment.title).toBe('Nouveau paiement Qonto')
    expect(serverTexts({ language: french.context.panelLanguage }).notices.associated('F-1')).toBe('Payment matched to F-1.')
    await french.stop()
  })
})

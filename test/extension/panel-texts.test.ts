/**
 * The panel's components speak the host's language: every text they show comes from
 * src/components/i18n/catalog.ts (French and English side by side), never from a literal in a
 * component. A French literal left in a component fails here; so does an English text with French
 * in it, or a French text with one of the English words Maud must never see.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterEach, describe, expect, it } from 'vitest'
import { TEXTS } from '../../src/components/i18n/catalog.js'
import { panelTexts } from '../../src/components/i18n/texts.js'
import { ENGLISH_DENY_LIST } from '../e2e/english-deny-list.js'

const COMPONENTS = fileURLToPath(new URL('../../src/components/', import.meta.url))
/** The translation files, and the French date-picker widgets a French host opts into (registerFrenchWidgets). */
const NOT_SCANNED = new Set(['i18n', 'french-widgets.ts'])

const FRENCH_WORDS =
  /\b(jamais|inconnue?|le|la|les|des|du|une|un|et|ou|pas|sur|pour|avec|dans|aucun|aucune|paiements?|factures?|rapprochée?s?|rapprocher|associer|dissocier|ignorer|montant|payeur|émetteur|réessayez|voir|fermer|annuler|suivante?|précédente?|oui|non|tous|toutes|ce|cette|vous|votre|est|sont|motif|statut|compte|destinataire|identifiant|reste|écart|solder|règle|payée?|jour|jours|dus?|par|en cours|au|Confirmer|Rechercher|Enregistrer|Télécharger|Ajouter|Retirer|Modifier|Effacer|Raisons|Abonnement|Solde|Actif)\b/
const ACCENTS = /[àâçéèêëîïôûùüÿœÀÂÇÉÈÊÎÔÛ«»]/
/** A text a person reads, in French (not a code such as 'SUR' or 'a_rapprocher', nor CSS). */
export const looksFrench = (text: string): boolean => {
  const value = text.trim()
  // French typography: a space before « : », « ; », « ? », « ! » (« IBAN : », or JSX text « {a} : {b} »).
  if (/(^|\S) [:;?!](\s|$)/.test(text) || /^\s[:;?!](\s|$)/.test(text)) return true
  if (value.length < 2 || /^[A-Z0-9_]+$/.test(value) || /^#[\w-]+$/.test(value) || /^[\w./-]+$/.test(value) && !/^[A-ZÀ-Ý]/.test(value) && !ACCENTS.test(value)) return false
  if (/[{}]/.test(value) && /;/.test(value)) return false
  return ACCENTS.test(value) || FRENCH_WORDS.test(value)
}

function componentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (NOT_SCANNED.has(entry.name)) return []
    if (entry.isDirectory()) return componentFiles(join(dir, entry.name))
    return /\.(tsx?)$/.test(entry.name) ? [join(dir, entry.name)] : []
  })
}

/** Every text literal of a file (strings, template parts, JSX text), with its line. */
function literals(file: string): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: Array<{ line: number; text: string }> = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return
    let text: string | undefined
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) text = node.text
    else if (ts.isJsxText(node)) text = node.text
    // Untrimmed: JSX text such as `{reference} : {amount}` is French typography only by its spaces.
    if (text !== undefined && text.trim()) found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text })
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Every leaf of the catalog in one language, functions called with sample arguments. */
function leaves(language: 'fr' | 'en'): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const walk = (tree: Record<string, unknown>, path: string) => {
    for (const [key, value] of Object.entries(tree)) {
      const node = value as Record<string, unknown>
      if (node && typeof node === 'object' && 'fr' in node && 'en' in node) {
        const text = node[language]
        out.push([`${path}${key}`, typeof text === 'function' ? String((text as (...args: unknown[]) => string)(2, 3, 4, 'X')) : String(text)])
      } else walk(node, `${path}${key}.`)
    }
  }
  walk(TEXTS as unknown as Record<string, unknown>, '')
  return out
}

describe("the panel's texts", () => {
  afterEach(() => {
    delete (globalThis as { REDUX_STATE?: unknown }).REDUX_STATE
  })

  it('the detector knows French from code (a check of the check)', () => {
    expect(looksFrench('Aucun paiement')).toBe(true)
    expect(looksFrench('Méthode :')).toBe(true)
    expect(looksFrench('Rechercher')).toBe(true)
    expect(looksFrench('SUR')).toBe(false)
    expect(looksFrench('a_rapprocher')).toBe(false)
    expect(looksFrench('qr-row qr-row-active')).toBe(false)
    expect(looksFrench('application/vnd.qonto-reconcile+json')).toBe(false)
    // JSX text between two values, as a component holds it: « INV-1 : 12,00 € ».
    expect(looksFrench(' : ')).toBe(true)
  })

  it('no component holds a French text of its own: they all come from the catalog', () => {
    const files = componentFiles(COMPONENTS)
    expect(files.length).toBeGreaterThan(25)
    const french = files.flatMap((file) => literals(file).filter(({ text }) => looksFrench(text)).map(({ line, text }) => `${file.slice(COMPONENTS.length)}:${line} ${text.trim() || JSON.stringify(text)}`))
    expect(french).toEqual([])
  })

  it('the English texts have no French in them, the French ones none of the English words Maud must not see', () => {
    const english = leaves('en')
    const french = leaves('fr')
    expect(english.length).toBe(french.length)
    expect(english.length).toBeGreaterThan(300)
    // Words both languages share (names, codes, Qonto's own words) are allowed on the English side.
    const SHARED = /^(Date|Note|Notifications|Suggestion|Suggestions|Format|IBAN|RF|Webhook|Qonto webhook|Sandbox|probable)$/
    const frenchInEnglish = english.filter(([, text]) => !SHARED.test(text) && (ACCENTS.test(text) || /\b(le|la|les|des|du|une|et|ou|pas|sur|pour|avec|paiements?|factures?|montant|payeur|reste|écart)\b/.test(text)))
    expect(frenchInEnglish).toEqual([])
    const deny = ENGLISH_DENY_LIST.filter((word) => /^[A-Z][a-z]+( [a-z]+)*$/.test(word))
    const englishInFrench = french.filter(([, text]) => deny.some((word) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(text)))
    expect(englishInFrench).toEqual([])
    expect(english.filter(([, text]) => text.trim() === '')).toEqual([])
  })

  it("picks the host's language from the panel's state, French by default", () => {
    expect(panelTexts().dashboard.aRapprocher).toBe('À rapprocher')
    ;(globalThis as { REDUX_STATE?: unknown }).REDUX_STATE = { locale: { language: 'en' } }
    expect(panelTexts().dashboard.aRapprocher).toBe('To match')
    expect(panelTexts().queueKeys.next).toBe('next payment')
    expect(panelTexts().dashboard.unread(2)).toBe('2 unread notifications: read them')
    ;(globalThis as { REDUX_STATE?: unknown }).REDUX_STATE = { locale: { language: 'de' } }
    expect(panelTexts().labels.tiers.SUR).toBe('sure')
    ;(globalThis as { REDUX_STATE?: unknown }).REDUX_STATE = { locale: { language: 'fr-CA' } }
    expect(panelTexts().labels.tiers.SUR).toBe('sûr')
  })
})

/**
 * The extension speaks the host's language and leaves the host's own strings and widgets alone:
 * on an English host, `locale()` adds only the extension's own keys (its resources, pages,
 * navigation group, invoice feature, its action names), in English; nothing of AdminJS's own keys;
 * no component it registers changes AdminJS's date pickers or selects; no label of its resources is
 * left for AdminJS to build from a field name ("Compte Bancaire Id").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { ComponentLoader } from 'adminjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createReconciliation } from '../../src/index.js'
import { hostOptions } from '../helpers/context.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

type Tree = { [key: string]: string | Tree }
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(Object.entries(tree ?? {}).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)))))
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []))
const OWN_RESOURCES = ['TransactionQonto', 'QontoAllocation', 'QontoAuditLog', 'QontoRegle', 'QontoEmailOutbox', 'QontoBankAccount']
const HOST_LOCALE = { language: 'en', availableLanguages: ['en'], translations: { en: { labels: { Document: 'Acme invoices' }, buttons: { save: 'Save it' } } } }

describe("the extension on an English host: its own texts in English, the host's untouched", () => {
  let db: TestDatabase
  let reconciliation: ReturnType<typeof createReconciliation>
  let english: Record<string, string>
  beforeAll(async () => {
    db = await createTestDatabase('pglite')
    reconciliation = createReconciliation({ ...hostOptions(db), componentLoader: new ComponentLoader() })
    const locale = reconciliation.locale(structuredClone(HOST_LOCALE))
    expect(locale.language).toBe('en')
    english = flatten((locale.translations as Record<string, Tree>).en!)
  }, 120_000)
  afterAll(async () => {
    await reconciliation?.stop()
    await db?.close()
  })

  it("adds only the extension's own keys, and keeps every key the host had", () => {
    const hostKeys = flatten(HOST_LOCALE.translations.en as unknown as Tree)
    for (const [key, value] of Object.entries(hostKeys)) expect(english[key], key).toBe(value)
    const invoiceResource = reconciliation.context.invoices.mapping.resourceId
    const foreign = Object.keys(english).filter((key) => {
      if (key in hostKeys) return false
      const [namespace, name] = key.split('.')
      if (namespace === 'resources') return ![...OWN_RESOURCES, invoiceResource].includes(name!)
      if (namespace === 'pages') return !['rapprochement', 'connexionQonto', 'comptesQonto'].includes(name!)
      if (namespace === 'labels') return !['rapprochement', 'Rapprochement bancaire'].includes(key.slice('labels.'.length))
      // The breadcrumb reads action names globally: only the extension's own actions, never AdminJS's.
      if (namespace === 'actions') return ['list', 'show', 'edit', 'new', 'delete', 'bulkDelete', 'search'].includes(name!)
      return true
    })
    expect(foreign).toEqual([])
    // The invoice resource is the host's: only the feature's own action and property are named there.
    expect(Object.keys(english).filter((key) => key.startsWith(`resources.${invoiceResource}.`)).sort()).toEqual([
      `resources.${invoiceResource}.actions.rapprocherPaiement`,
      `resources.${invoiceResource}.properties.paiementsQonto`,
    ])
  })

  it('names every visible property, action and enum value of its resources in English and in French', () => {
    const french = flatten((reconciliation.translations.fr as unknown as Tree))
    for (const { options } of reconciliation.resources as unknown as Array<{ options: { id: string; listProperties?: string[]; showProperties?: string[]; filterProperties?: string[] } }>) {
      const visible = new Set([...(options.listProperties ?? []), ...(options.showProperties ?? []), ...(options.filterProperties ?? [])])
      for (const property of visible) {
        expect(english[`resources.${options.id}.properties.${property}`], `${options.id}.${property} (en)`).toBeTruthy()
        expect(french[`resources.${options.id}.properties.${property}`], `${options.id}.${property} (fr)`).toBeTruthy()
      }
      expect(english[`resources.${options.id}.labels.${options.id}`]).toBeTruthy()
    }
    const frenchKeys = Object.keys(french).filter((key) => key.startsWith('resources.'))
    const missing = frenchKeys.filter((key) => !key.startsWith(`resources.${reconciliation.context.invoices.mapping.resourceId}.`) && english[key] === undefined)
    expect(missing).toEqual([])
    expect(english['resources.TransactionQonto.properties.compteBancaireId']).toBe('Bank account')
    expect(english['resources.TransactionQonto.labels.aVerifier.true']).toBe('Yes')
    expect(english['labels.Rapprochement bancaire']).toBe('Bank reconciliation')
  })

  it('lists enum values in the English labels once the host is English', () => {
    const transactions = (reconciliation.resources as unknown as Array<{ options: { id: string; properties: Record<string, { availableValues?: Array<{ value: string; label: string }> }> } }>)
      .find((r) => r.options.id === 'TransactionQonto')!
    expect(transactions.options.properties.statut!.availableValues).toContainEqual({ value: 'SETTLED', label: 'Settled' })
  })

  it('names every action the extension writes in its audit log, in English and in French (the list, its filter)', () => {
    // Every upper-case code given as `action` in a source file that writes the audit log (but
    // surplus.service.ts's treatment, compared in the same expression).
    const written = new Set<string>()
    for (const file of sourceFiles(resolve('src'))) {
      const text = readFileSync(file, 'utf8')
      if (!text.includes('qontoAuditLog.create')) continue
      for (const line of text.split('\n')) {
        const at = line.search(/\baction\b/)
        if (at >= 0) for (const [, code] of line.slice(at).split(/,\s/)[0]!.matchAll(/'([A-Z][A-Z_]{3,})'/g)) if (code !== 'AVOIR') written.add(code!)
      }
    }
    expect(written.size).toBeGreaterThan(15)
    type Resources = Array<{ options: { id: string; properties: Record<string, { availableValues?: Array<{ value: string; label: string }> }> } }>
    const values = (resources: unknown) => (resources as Resources).find((r) => r.options.id === 'QontoAuditLog')!.options.properties.action!.availableValues ?? []
    const english = values(reconciliation.resources)
    expect([...written].filter((code) => !english.some((v) => v.value === code))).toEqual([])
    expect(english).toContainEqual({ value: 'HABITUDE_APPRISE', label: 'Habit learned' })
    expect(english).toContainEqual({ value: 'IGNORE', label: 'Ignored (not an invoice)' })
    const french = values(createReconciliation({ ...hostOptions(db), componentLoader: new ComponentLoader() }).resources)
    expect([...written].filter((code) => !french.some((v) => v.value === code))).toEqual([])
    expect(french).toContainEqual({ value: 'IGNORE', label: 'Ignoré (hors facture)' })
  })

  it('writes the amounts of its lists and record pages as €1,234.56 once the host is English, 1 234,56 € on a French host', () => {
    type Resources = Array<{ options: { id: string; properties: Record<string, { props?: Record<string, unknown> }> } }>
    const props = (resources: unknown, id: string, property: string) => (resources as Resources).find((r) => r.options.id === id)!.options.properties[property]!.props
    for (const [id, property] of [['TransactionQonto', 'montant'], ['TransactionQonto', 'montantAlloue'], ['QontoAllocation', 'montant'], ['QontoAllocation', 'ecart']] as const) {
      expect(props(reconciliation.resources, id, property), `${id}.${property}`).toMatchObject({ prefix: '€', decimalSeparator: '.', groupSeparator: ',', decimalScale: 2 })
      expect(props(reconciliation.resources, id, property)).not.toHaveProperty('suffix')
    }
    const french = createReconciliation({ ...hostOptions(db), componentLoader: new ComponentLoader() })
    expect(props(french.resources, 'TransactionQonto', 'montant')).toMatchObject({ suffix: ' €', decimalSeparator: ',', groupSeparator: ' ' })
  })

  it("leaves a host resource's own amount widget exactly as the host gave it (frenchResource), on an English host too", () => {
    const own = { decimalSeparator: ',', groupSeparator: ' ', suffix: ' €', decimalScale: 2 }
    const document = reconciliation.frenchResource('Document', { id: 'Document', translations: { fr: { labels: { Document: 'Factures' } } }, properties: { montantTTC: { type: 'currency', props: own } } }) as {
      options: { properties: Record<string, { props?: Record<string, unknown> }> }
    }
    expect(document.options.properties.montantTTC!.props).toEqual(own)
  })

  it("registers no component that changes AdminJS's own widgets (date picker, selects) for the whole panel", () => {
    const loader = new ComponentLoader()
    createReconciliation({ ...hostOptions(db), componentLoader: loader })
    const reached = new Set<string>()
    const visit = (path: string) => {
      const base = path.replace(/\.(js|tsx?)$/, '')
      const file = [`${base}.tsx`, `${base}.ts`, `${base}.js`].find((candidate) => existsSync(candidate))!
      if (reached.has(file)) return
      reached.add(file)
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^import\s+(?:[^'"]*from\s+)?'(\.[^']+)'/gm)) visit(resolve(dirname(file), specifier!))
    }
    for (const component of Object.values(loader.getComponents())) visit(component)
    expect(reached.size).toBeGreaterThan(16)
    expect([...reached].filter((file) => /french-widgets/.test(file))).toEqual([])
  })
})

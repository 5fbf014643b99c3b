/**
 * On an English host, the reconciliation side reads in English beyond its notices and refusals: the
 * Ignorer page (categories, what a rule catches), what an ignored payment's page and its audit lines
 * say (written in the context's language, rules applied at ingest included), a payment's write-off
 * line, surplus credits, a client e-mail's state, the audit log's actions and actors, a deleted
 * record, the FEC export's refusal and the ledger's audit message. French on a French host and by
 * default. What reaches the accountant stays French: the FEC file and the ledger's stored motif.
 */
import { PassThrough } from 'node:stream'
import { ComponentLoader } from 'adminjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { FecError } from '../../src/domain/export/fec.js'
import { statementRows } from '../../src/domain/export/statement.js'
import { statementCsv } from '../../src/domain/export/statement-csv.js'
import { RECONCILE_TEXTS } from '../../src/i18n/reconcile-texts.js'
import { createReconciliation } from '../../src/index.js'
import { writeExport } from '../../src/reconcile/export.service.js'
import { reconciliationStatement } from '../../src/reconcile/statement.service.js'
import { applyRules, ignorePayment, ignoreView, RULE_ACTOR } from '../../src/reconcile/ignore.service.js'
import { learnedDay } from '../../src/reconcile/learned-habits.service.js'
import { movedNotice } from '../../src/reconcile/ledger.service.js'
import { paymentExplanation } from '../../src/reconcile/payment-links.service.js'
import { associate } from '../../src/reconcile/reconciliation.service.js'
import { explainSurplus, openCredits, surplusOf } from '../../src/reconcile/surplus.service.js'
import { creditorReferenceLine } from '../../src/reconcile/creditor-reference.service.js'
import { emailState } from '../../src/resources/qonto-email-outbox.resource.js'
import { linkTitlesAfter } from '../../src/resources/links.js'
import { createTestUsers, hostOptions, testContext } from '../helpers/context.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

/** Words of the French texts that no English sentence holds. */
const FRENCH = /[àâçéèêîôû«»]|\b(le|la|les|des|du|paiement|facture|réglée|Règle|toujours|Ignoré|hors|Avoir|compte|Envoyé|introuvable|Remboursement)\b/

/** Sample arguments: a count or cents in one place (the first that the text takes), names elsewhere. */
const SAMPLES = [0, 1, 2, 3].map((at) => ['X', 'Y', 'Z', 'W'].map((name, i) => (i === at ? 2 : name)))

function sampled(text: (...args: unknown[]) => string): string {
  for (const args of SAMPLES) {
    try {
      return text(...args)
    } catch {
      // Another position holds the number.
    }
  }
  throw new Error(`no sample fits ${text.toString()}`)
}

function leaves(tree: Record<string, unknown>, language: 'fr' | 'en'): string[] {
  return Object.values(tree).flatMap((value) => {
    const node = value as Record<string, unknown>
    if ('fr' in node && 'en' in node) {
      const text = node[language]
      return [typeof text === 'function' ? sampled(text as (...args: unknown[]) => string) : String(text)]
    }
    return leaves(node, language)
  })
}

describe.each(databaseKinds())('the reconciliation side in the host’s language on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let maud: { userId: string; label: string }
  const tx: Record<string, string> = {}
  const english = () => void (ctx.panelLanguage.current = 'en')
  const french = () => void (ctx.panelLanguage.current = 'fr')

  beforeAll(async () => {
    db = await createTestDatabase(kind)
    const { admin } = await createTestUsers(db)
    maud = { userId: admin.id, label: admin.email }
    ctx = testContext(db)
    const glow = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS' } })
    const invoice = async (reference: string, montantTTC: string) =>
      (await db.prisma.document.create({ data: { reference, montantTTC, statut: 'ENVOYE', dateEmission: new Date('2026-10-01'), marqueId: glow.id } })).id
    const payment = async (qontoId: string, montant: string, day: string, extra: object = {}) =>
      (tx[qontoId] = (await db.prisma.transactionQonto.create({
        data: { qontoId, montant, statut: 'SETTLED', emetteur: 'GLOW COSMETICS', dateTransaction: new Date(`${day}T10:00:00Z`), qontoUpdatedAt: new Date(), ...extra },
      })).id)
    const short = await invoice('FACT-WO', '100.00')
    const over = await invoice('FACT-OVER', '100.00')
    await payment('q-short', '99.50', '2026-11-03')
    await payment('q-over', '120.00', '2026-11-04')
    await payment('q-urssaf', '86.40', '2026-11-05', { emetteur: 'URSSAF IDF', emetteurIban: 'FR7630006000011234567890189' })
    await payment('q-urssaf-fr', '12.00', '2026-11-06', { emetteur: 'URSSAF IDF' })
    await payment('q-urssaf-next', '40.00', '2026-11-07', { emetteur: 'URSSAF IDF' })
    await payment('q-usd-account', '100.00', '2025-10-15', { devise: 'USD', emetteur: 'ACME INC' })
    await associate(ctx, { transactionId: tx['q-short']!, allocations: [{ invoiceId: short, amountCents: 9950 }], writeOffs: [{ invoiceId: short, amountCents: 50, motif: 'FRAIS_BANCAIRES' }], actor: maud, mode: 'MANUEL' })
    await associate(ctx, { transactionId: tx['q-over']!, allocations: [{ invoiceId: over, amountCents: 10000 }], actor: maud, mode: 'MANUEL' })
    await explainSurplus(ctx, { transactionId: tx['q-over']!, treatment: 'AVOIR', actor: maud })
    await ignorePayment(ctx, { transactionId: tx['q-usd-account']!, category: 'AUTRE', note: 'Virement en dollars', rule: 'AUCUNE', actor: maud })
  }, 120_000)
  afterAll(async () => db?.close())

  it('every text in French and English, the English without French', () => {
    const english = leaves(RECONCILE_TEXTS, 'en')
    expect(english.length).toBe(leaves(RECONCILE_TEXTS, 'fr').length)
    expect(english.filter((text) => FRENCH.test(text))).toEqual([])
  })

  it('the Ignorer page, the audit lines it writes and the ignored payment’s page read in English on an English host', async () => {
    english()
    const view = (await ignoreView(ctx, tx['q-urssaf']!))!
    expect(view.categories.map((c) => c.label)).toEqual(['Refund', 'Internal transfer', 'Contribution (partner, capital)', 'Grant', 'Fees / commission', 'Other'])
    const [payer, iban] = view.rules
    expect(payer!.catches).toBe(
      'Will ignore the next payments whose sender is written exactly “URSSAF IDF” (whatever the case, accents and punctuation); a different name, even a close one (another legal form, title or word order), stays to match. 2 other waiting payments match: offered after confirmation, never on their own.',
    )
    expect(iban!.catches).toBe('Will ignore the next payments coming from the IBAN FR76 3000 6000 0112 3456 7890 189, whatever the name shown. No other waiting payment matches.')

    const done = await ignorePayment(ctx, { transactionId: tx['q-urssaf']!, category: 'SUBVENTION', note: undefined, rule: 'PAYEUR', actor: maud })
    expect(done.rule!.explanation).toBe('Rule: always for this payer (URSSAF IDF) → Grant')
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: tx['q-urssaf']!, action: 'IGNORE' } })
    expect(audit.avant).toEqual({ etat: 'To match' })
    expect(audit.apres).toEqual({ etat: 'Ignored (not an invoice): Grant', categorie: 'Grant', note: null, regle: 'Always for this payer: URSSAF IDF' })
    expect(audit.details).toEqual({ paiement: '€86.40 · URSSAF IDF' })
    const created = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: tx['q-urssaf']!, action: 'REGLE_CREEE' } })
    expect(created.apres).toEqual({ regle: 'Rule: always for this payer (URSSAF IDF) → Grant', note: null })

    const shown = (await paymentExplanation(ctx, tx['q-urssaf']!))!
    expect(shown.ignored).toMatchObject({ category: 'Grant', rule: 'Rule: always for this payer (URSSAF IDF) → Grant' })
    expect((await ignoreView(ctx, tx['q-urssaf']!))!.ignored).toMatchObject({ categoryLabel: 'Grant', rule: 'Rule: always for this payer (URSSAF IDF) → Grant' })

    // Back on a French host: the page is French again, what history wrote stays as written.
    french()
    expect((await paymentExplanation(ctx, tx['q-urssaf']!))!.ignored).toMatchObject({ category: 'Subvention', rule: 'Règle : toujours pour ce payeur (URSSAF IDF) → Subvention' })
    expect((await db.prisma.qontoAuditLog.findUniqueOrThrow({ where: { id: audit.id } })).apres).toEqual(audit.apres)
  })

  it('a rule applied at ingest writes its audit line in the language it is given (the context’s), French by default', async () => {
    const [inEnglish] = await db.prisma.$transaction((t) => applyRules(t, { transactionIds: [tx['q-urssaf-next']!] }, RULE_ACTOR, true, 'en'))
    expect(inEnglish!.explanation).toBe('Rule: always for this payer (URSSAF IDF) → Grant')
    english()
    expect((await paymentExplanation(ctx, tx['q-urssaf-next']!))!.ignored).toMatchObject({ by: 'system (not-an-invoice rule)', category: 'Grant' })
    french()
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: tx['q-urssaf-next']!, action: 'IGNORE' } })
    expect(audit).toMatchObject({ acteur: 'système (règle hors facture)', automatique: true, avant: { etat: 'To match' }, details: { paiement: '€40.00 · URSSAF IDF' } })
    expect(audit.apres).toMatchObject({ etat: 'Ignored (not an invoice): Grant', categorie: 'Grant', regle: 'Rule: always for this payer (URSSAF IDF) → Grant' })

    const [inFrench] = await db.prisma.$transaction((t) => applyRules(t, { transactionIds: [tx['q-urssaf-fr']!] }, RULE_ACTOR, true, ctx.language.current))
    expect(inFrench!.explanation).toBe('Règle : toujours pour ce payeur (URSSAF IDF) → Subvention')
    const inFrenchAudit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: tx['q-urssaf-fr']!, action: 'IGNORE' } })
    expect(inFrenchAudit).toMatchObject({ avant: { etat: 'À rapprocher' }, apres: { etat: 'Ignoré (hors facture) : Subvention' }, details: { paiement: '12,00\u00a0€ · URSSAF IDF' } })
  })

  it('a payment’s write-off line and its surplus credit read in the panel’s language', async () => {
    english()
    const [line] = (await paymentExplanation(ctx, tx['q-short']!))!.invoices
    expect(line!.writeOff).toBe('€0.50 settled without payment (bank fees, account 627000)')
    const surplus = await surplusOf(ctx, tx['q-over']!)
    expect(surplus.explained!.label).toBe(`Client credit (overpayment) of €20.00 for Glow Cosmetics SAS, by ${maud.label}`)
    const client = (await db.prisma.marque.findFirstOrThrow()).id
    expect((await openCredits(ctx, String(client))).map((c) => c.label)).toEqual(['Credit of €20.00 (overpayment of the payment of 4 Nov 2026)'])
    french()
    expect((await paymentExplanation(ctx, tx['q-short']!))!.invoices[0]!.writeOff).toBe('0,50\u00a0€ soldés sans encaissement (frais bancaires, compte 627000)')
    expect((await openCredits(ctx, String(client))).map((c) => c.label)).toEqual(['Avoir de 20,00\u00a0€ (trop-perçu du paiement du 04/11/2026)'])
  })

  it('a client e-mail’s state and a deleted record read in the panel’s language', async () => {
    const sent = { envoyeLe: '2026-11-24T09:52:00Z' }
    expect(emailState(sent, 'Europe/Paris', new Date(), 'en')).toBe('Sent on 24 Nov 2026, 10:52')
    expect(emailState(sent, 'Europe/Paris')).toBe('Envoyé le 24/11/2026 à 10:52')
    // The day a learned habit came from (Associer's learning panel).
    expect([learnedDay({ learnedOn: '2026-12-03' }, 'en'), learnedDay({ learnedOn: '2026-12-03' }, 'fr')]).toEqual(['3 Dec 2026', '03/12/2026'])
    // The client e-mail's reference line, in the e-mail's language.
    expect(creditorReferenceLine('FACT-2026-001', 'en')).toMatch(/^Payment reference of this invoice: RF\d\d FACT 2026 001\.\n$/)
    expect(creditorReferenceLine('FACT-2026-001', 'fr')).toMatch(/^Référence de paiement de cette facture : RF\d\d FACT 2026 001\.\n$/)
    const cancelled = { annuleLe: '2026-11-24T09:52:00Z', annulePar: 'système' }
    expect(emailState(cancelled, 'Europe/Paris', new Date(), 'en')).toBe('Cancelled on 24 Nov 2026, 10:52 by system: will not go out')
    expect(emailState(cancelled, 'Europe/Paris')).toBe('Annulé le 24/11/2026 à 10:52 par système : ne partira pas')
    const waiting = { nextAttemptAt: '2026-11-24T09:52:00Z', attempts: 0 }
    expect(emailState(waiting, 'Europe/Paris', new Date('2026-11-24T09:50:00Z'), 'en')).toBe('Waiting: leaves around 10:52 (Unmatch cancels it)')

    english()
    const gone = { records: [{ params: { transactionId: 'nowhere' } }] }
    await linkTitlesAfter(ctx, { payment: { from: 'transactionId', to: 'paiement' } })(gone as never)
    expect(gone.records[0]!.params).toMatchObject({ paiement: 'not found (deleted)' })
    french()
  })

  it('the audit log names its actions and the extension’s own actors in the host’s language', async () => {
    const reconciliation = createReconciliation({ ...hostOptions(db), componentLoader: new ComponentLoader() })
    type Resource = { options: { id: string; properties: Record<string, { availableValues?: Array<{ value: string; label: string }> }>; actions: { list: { after: Array<(r: unknown) => Promise<unknown>> } } } }
    const audit = (reconciliation.resources as unknown as Resource[]).find((r) => r.options.id === 'QontoAuditLog')!
    const label = (code: string) => audit.options.properties.action!.availableValues!.find((v) => v.value === code)?.label
    expect([label('IGNORE'), label('ECRITURE_REPORTEE')]).toEqual(['Ignoré (hors facture)', 'Écriture reportée (période close)'])
    reconciliation.locale({ language: 'en', availableLanguages: ['en'] })
    expect([label('IGNORE'), label('REGLE_CREEE'), label('ECRITURE_REPORTEE')]).toEqual(['Ignored (not an invoice)', 'Not-an-invoice rule created', 'Entry moved (closed period)'])
    const listed = { records: [{ params: { acteur: 'système (règle hors facture)', transactionId: tx['q-urssaf-next'] } }, { params: { acteur: maud.label } }] }
    for (const after of audit.options.actions.list.after) await after(listed)
    expect(listed.records.map((r) => r.params.acteur)).toEqual(['system (not-an-invoice rule)', maud.label])
    await reconciliation.stop()
  })

  it('the FEC export’s refusal reads in the reader’s language; the ledger’s motif stays French, its audit message follows the context', async () => {
    const attempt = writeExport(ctx, { format: 'fec', from: '2025-01-01', to: '2025-12-31' }, () => new PassThrough())
    const error = await attempt.then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(FecError)
    expect((error as FecError).message).toMatch(/^Export FEC impossible : 1 paiement\(s\) de la période sans montant en euros \(paiement q-usd-account de 100,00 USD sans montant en euros\)/)
    expect((error as FecError).in('en')).toBe(
      'FEC export impossible: 1 payment of the period without a euro amount (payment q-usd-account of 100.00 USD without a euro amount). The FEC requires Debit and Credit in euros: fill in the euro amount in Qonto or leave these days out of the period.',
    )
    // The statement: the panel's table in English, the CSV's rows French.
    const none = { count: 0, cents: 0 }
    const account = {
      accountId: 'a', name: 'Compte principal', iban: null, currency: 'EUR', bankBalanceCents: 150000, balanceSource: 'qonto' as const, openingCents: 0,
      reconciled: { count: 1, cents: 150000 }, writeOffCents: 0, ignored: none, unexplained: none,
      unexplainedByAge: ['0 à 30 jours', '31 à 60 jours', '61 à 90 jours', 'plus de 90 jours'].map((label) => ({ label, ...none })),
      debits: none, computedBalanceCents: 150000, gapCents: 0,
    }
    const english = statementRows({ date: '2026-11-30', accounts: [account] }, 'en').map((row) => row[0])
    expect(english).toContain('Account: Compte principal — reconciliation statement on 30 Nov 2026')
    expect(english).toContain('    unexplained for over 90 days')
    expect(english.filter((text) => FRENCH.test(text!))).toEqual([])
    const french = statementRows({ date: '2026-11-30', accounts: [account] }).map((row) => row[0])
    expect(french).toContain('    non expliqués depuis 31 à 60 jours')
    expect(french).toContain('Écart (solde Qonto − solde recalculé) : nul, l’état est équilibré')

    const moved = movedNotice('2026-11-30', '2026-11-20', '2026-12-01')
    expect(moved('fr')).toBe('Période close jusqu’au 30/11/2026 : l’écriture du 20/11/2026 est passée au 01/12/2026, premier jour ouvert.')
    expect(moved('en')).toBe('Period closed through 30 Nov 2026: the entry of 20 Nov 2026 is booked on 1 Dec 2026, the first open day.')
  })

  it('the accountant’s files (FEC, CSV, statement CSV) are the same bytes, French, whatever the panel speaks, after English actions', async () => {
    const exported = async (language: 'fr' | 'en') => {
      ctx.panelLanguage.current = language
      const file = async (format: 'csv' | 'fec') => {
        const chunks: Buffer[] = []
        const out = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk))
        await writeExport(ctx, { format, from: '2026-01-01', to: '2026-12-31' }, () => out)
        return Buffer.concat(chunks).toString('utf8')
      }
      const files = { csv: await file('csv'), fec: await file('fec'), statement: statementCsv(await reconciliationStatement(ctx, '2026-11-30')) }
      french()
      return files
    }
    const inEnglish = await exported('en')
    const inFrench = await exported('fr')
    expect(inEnglish).toEqual(inFrench)
    expect(inFrench.csv).toContain('Règle : toujours pour ce payeur (URSSAF IDF)')
    expect(inFrench.csv).toContain('Subvention')
    expect(inFrench.fec.length).toBeGreaterThan(0)
    expect(inFrench.statement).toContain('non expliqués depuis')
    for (const text of Object.values(inFrench)) expect(text).not.toMatch(/\b(Rule|Grant|Ignored|always for|Client credit|settled without payment|Account:|statement on)\b/)
  })
})

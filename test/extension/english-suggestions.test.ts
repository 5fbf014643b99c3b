/**
 * On an English host, everything a suggestion says is English: its reasons, why it is not sure, its
 * tier, in the work queue, in Associer, on the invoice page; what is written for history (the
 * allocation's reasons, the audit line) is in the context's language when written and stays so.
 * The queue's stored best suggestions are kept as data: the same stored suggestion reads in French
 * again when the host is French (nothing recomputed, nothing frozen in one language).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '../../examples/src/seed.js'
import { loggedInAgent, useTestApp, type createTestApp } from '../helpers/app.js'
import type { TestDatabase } from '../helpers/databases.js'

const MAUD = { email: 'maud@test.fr', password: 'mot-de-passe-demo' }
const recordAction = (id: string, action: string) => `/admin/api/resources/TransactionQonto/records/${id}/${action}`
const command = (body: object) => ({ body: JSON.stringify(body) })
/** Words of the French reasons and "not sure because" texts that no English sentence holds. */
const FRENCH = /\b(trouvée?s?|Référence|Écart|écart|Montant|facture|factures|motif|virement|client du|payeur|Paiement|reste|sûr|à vérifier|probable|inconnu|autre|même)\b/

type Reason = { code: string; label: string }
type Best = { reasons: Reason[]; method: string; tier: string; tierLabel: string; notSureBecause?: string }
type QueueItem = { id: string; best: Best | null }

describe('suggestions on an English host', () => {
  const host = useTestApp(async (db) => void (await seedDemoData(db.prisma, { adminEmail: MAUD.email, adminPassword: MAUD.password })))
  let db: TestDatabase
  let app: ReturnType<typeof createTestApp>
  beforeAll(() => ({ db, app } = host))

  const english = () => app.reconciliation.locale({ language: 'en', availableLanguages: ['en'] })
  const french = () => app.reconciliation.locale({ language: 'fr', availableLanguages: ['fr'] })
  const queue = async (agent: Awaited<ReturnType<typeof loggedInAgent>>): Promise<QueueItem[]> =>
    (await agent.get('/admin/api/pages/rapprochement')).body.queue.items.filter((item: QueueItem) => item.best !== null)

  it("the work queue's stored best suggestions read in the host's language, French again on a French host, without being recomputed", async () => {
    const agent = await loggedInAgent(app.app, MAUD)
    french()
    const inFrench = await queue(agent)
    expect(inFrench.length).toBeGreaterThan(3)
    const stored = await db.prisma.transactionQonto.findMany({ where: { meilleureSuggestionLe: { not: null } }, select: { id: true, meilleureSuggestionLe: true, meilleureSuggestion: true } })
    expect(stored.length).toBeGreaterThanOrEqual(inFrench.length)
    // Kept as data: codes and parameters, no sentence in either language.
    expect(JSON.stringify(stored.map((row) => row.meilleureSuggestion))).not.toMatch(/"label"|notSureBecause/)

    english()
    const inEnglish = await queue(agent)
    expect(inEnglish.map((item) => item.id)).toEqual(inFrench.map((item) => item.id))
    const storedAfter = await db.prisma.transactionQonto.findMany({ where: { meilleureSuggestionLe: { not: null } }, select: { id: true, meilleureSuggestionLe: true } })
    expect(storedAfter).toEqual(stored.map(({ id, meilleureSuggestionLe }) => ({ id, meilleureSuggestionLe })))
    for (const [i, item] of inEnglish.entries()) {
      const before = inFrench[i]!.best!
      const best = item.best!
      expect(best.reasons.map((r) => r.code)).toEqual(before.reasons.map((r) => r.code))
      expect(best.method).toBe(before.method)
      for (const r of best.reasons) expect(r.label, r.label).not.toMatch(FRENCH)
      expect(best.tierLabel).toBe({ SUR: 'sure', PROBABLE: 'likely', A_VERIFIER: 'to check' }[best.tier])
      expect(best.notSureBecause === undefined).toBe(before.notSureBecause === undefined)
      if (best.notSureBecause) expect(best.notSureBecause).not.toMatch(FRENCH)
    }
    expect(inEnglish.some((item) => item.best!.notSureBecause)).toBe(true)
    const labels = inEnglish.flatMap((item) => item.best!.reasons.map((r) => r.label))
    expect(labels).toContain('Reference FACT-2026-110 found in the transfer reference')

    french()
    const again = await queue(agent)
    expect(again.map((item) => item.best!.reasons)).toEqual(inFrench.map((item) => item.best!.reasons))
  })

  it('Associer shows English reasons, method and why not sure; the association writes its reasons and method in English, and they stay', async () => {
    english()
    const agent = await loggedInAgent(app.app, MAUD)
    const payment = await db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'VIR SEPA FACT-2026-110 MERCI' } })
    const suggest = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'suggest' }))
    const [best, ...others] = suggest.body.suggestions as Array<Best & { allocations: Array<{ invoiceId: string; amountCents: number }>; invoices: Array<{ reference: string }> }>
    expect(best!.invoices[0]!.reference).toBe('FACT-2026-110')
    expect(best!.method).toBe('REFERENCE')
    expect(best!.reasons.map((r) => r.label)).toContain('Reference FACT-2026-110 found in the transfer reference')
    expect(best!.reasons.map((r) => r.label)).toContain('Same amount (€1,500.00)')
    for (const s of [best!, ...others]) {
      for (const r of s.reasons) expect(r.label, r.label).not.toMatch(FRENCH)
      if (s.notSureBecause) expect(s.notSureBecause).not.toMatch(FRENCH)
    }

    await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'associate', allocations: best!.allocations, mode: 'SUGGESTION' }))
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: payment.id, action: 'ASSOCIATION' } })
    expect(audit.details).toMatchObject({ methode: 'reference', raisons: best!.reasons.map((r) => r.label) })
    const allocation = await db.prisma.qontoAllocation.findFirstOrThrow({ where: { transactionId: payment.id } })
    expect(allocation.raisons).toEqual(best!.reasons)

    // History is never rewritten: back on a French host, what was written stays English.
    french()
    const auditLater = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: payment.id, action: 'ASSOCIATION' } })
    expect(auditLater.details).toEqual(audit.details)
  })

  it('a declined suggestion is explained in English, and so are the learning notices', async () => {
    english()
    const agent = await loggedInAgent(app.app, MAUD)
    const payment = await db.prisma.transactionQonto.findFirstOrThrow({ where: { reference: 'fact2026111' } })
    const suggest = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'suggest' }))
    const invoiceIds = (suggest.body.suggestions[0].allocations as Array<{ invoiceId: string }>).map((a) => a.invoiceId)
    const declined = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'decline', scope: 'PAIEMENT', invoiceIds }))
    expect(declined.body.notice.message).toMatch(/^Suggestion FACT-2026-111 set aside for this payment: it will not be offered again\.$/)
    const page = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'suggest' }))
    expect(page.body.declined[0].explanation).toMatch(/^Set aside by maud@test\.fr on \d{1,2} [A-Z][a-z]{2} \d{4}, for this payment\.$/)
    const restored = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'restore', declineId: page.body.declined[0].id }))
    expect(restored.body.notice.message).toBe('Suggestion restored: it may be offered again.')
    const off = await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'learning', learn: false }))
    expect(off.body.notice.message).toMatch(/^Matching will no longer learn from the payments of .+ \(the payer's history is ignored\)\.$/)
    await agent.post(recordAction(payment.id, 'associer')).send(command({ op: 'learning', learn: true }))
  })

  it('the invoice page offers payments with English confidence, reasons and why not sure', async () => {
    english()
    const agent = await loggedInAgent(app.app, MAUD)
    const invoice = await db.prisma.document.findUniqueOrThrow({ where: { reference: 'FACT-2026-111' } })
    const side = await agent.post(`/admin/api/resources/Document/records/${invoice.id}/rapprocherPaiement`).send(command({ op: 'list', withCandidates: true }))
    const candidates = side.body.candidates as Array<{ confidence: string; tierLabel: string; reasons: Reason[]; notSureBecause: string | null }>
    expect(candidates.length).toBeGreaterThan(0)
    for (const c of candidates) {
      expect(c.confidence).toMatch(/^(sure|likely|to check) · \d+ %$/)
      for (const r of c.reasons) expect(r.label, r.label).not.toMatch(FRENCH)
      if (c.notSureBecause) expect(c.notSureBecause).not.toMatch(FRENCH)
    }
  })
})

import { readFileSync } from 'node:fs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyRuleToExisting, creditsFingerprint, deactivateRule, ignorePayment, ignoreView, restorePayment } from '../../src/reconcile/ignore.service.js'
import { associate, ReconciliationError, type Actor } from '../../src/reconcile/reconciliation.service.js'
import { signPayload } from '../../src/webhooks/signature.js'
import { ADMIN, READER, closeTestApp, loggedInAgent, openTestApp, testContext, type TestApp } from '../helpers/app.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

const SECRET = 'whsec-explained-0123456789abcdef01234567'
const SAMPLE = JSON.parse(readFileSync(new URL('../fixtures/qonto/webhook-v1-transactions.body.json', import.meta.url), 'utf8'))
const CPAM_IBAN = 'FR76 1027 8060 4100 0202 0370 182'
const CPAM_IBAN_COMPACT = 'FR7610278060410002020370182'
const OTHER_IBAN = 'FR7630004000031234567890143'

let counter = 0
/** A Qonto webhook delivery of a settled credit (the API.md payload), signed like Qonto does. */
function delivery(data: { amount: number; name: string; iban: string | null; reference: string; id?: string; status?: string; updated_at?: string }) {
  counter += 1
  const body = JSON.stringify({
    ...SAMPLE,
    id: `evt-explained-${counter}-${Date.now()}`,
    data: {
      ...SAMPLE.data,
      id: data.id ?? `tx-explained-${counter}-${Date.now()}`,
      amount: data.amount,
      local_amount: data.amount,
      label: data.name,
      clean_counterparty_name: data.name,
      reference: data.reference,
      status: data.status ?? 'completed',
      updated_at: data.updated_at ?? SAMPLE.data.updated_at,
      income: data.iban ? { ...SAMPLE.data.income, counterparty_account_number: data.iban } : null,
    },
  })
  const t = Math.floor(Date.now() / 1000)
  return { body, headers: { 'Content-Type': 'application/json', 'X-Qonto-Signature': `t=${t},v1=${signPayload(SECRET, t, body)}` }, qontoId: JSON.parse(body).data.id as string }
}

describe.each(databaseKinds())('payments explained without an invoice on %s', (kind) => {
  let db: TestDatabase
  let app: TestApp
  let maud: Actor
  const credit = (qontoId: string, data: { montant: string; emetteur: string | null; emetteurIban?: string | null; emetteurCle?: string | null; sens?: 'CREDIT' | 'DEBIT'; statut?: 'SETTLED' | 'PENDING' }) =>
    db.prisma.transactionQonto.create({
      data: { qontoId, statut: 'SETTLED', dateTransaction: new Date('2026-11-20T09:00:00Z'), qontoUpdatedAt: new Date('2026-11-20T09:00:00Z'), ...data },
    })
  const deliver = async (d: ReturnType<typeof delivery>) => {
    const response = await request(app.app).post('/api/webhooks/qonto').set(d.headers).send(d.body)
    expect(response.status).toBe(200)
    await app.reconciliation.webhookQueue.idle()
    return db.prisma.transactionQonto.findUniqueOrThrow({ where: { qontoId: d.qontoId }, include: { regle: true, allocations: true } })
  }

  beforeAll(async () => {
    ;({ db, app, maud } = await openTestApp(kind, { QONTO_WEBHOOK_SECRET: SECRET }))
  }, 120_000)
  afterAll(async () => closeTestApp(app, db))

  it("Maud ignores a social-security refund with the rule 'toujours pour cet IBAN'; the next credit from that IBAN arrives through the webhook and is explained by the rule; a credit from another IBAN is not", async () => {
    const ctx = testContext(db)
    const refund = await credit('cpam-1', { montant: '86.40', emetteur: 'CPAM DE PARIS', emetteurIban: CPAM_IBAN_COMPACT })
    const result = await ignorePayment(ctx, { transactionId: refund.id, category: 'REMBOURSEMENT', note: 'Indemnités journalières', rule: 'IBAN', actor: maud })
    expect(result.rule).toMatchObject({ type: 'IBAN', libelle: 'FR76 1027 8060 4100 0202 0370 182', categorie: 'REMBOURSEMENT' })
    expect(result.rule!.explanation).toBe('Règle : toujours pour cet IBAN (FR76 1027 8060 4100 0202 0370 182) → Remboursement')
    const stored = await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: refund.id } })
    expect(stored).toMatchObject({ ignoreCategorie: 'REMBOURSEMENT', ignoreNote: 'Indemnités journalières', ignorePar: ADMIN.email, associe: false })
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: refund.id, action: 'IGNORE' } })
    expect(audit).toMatchObject({ acteur: ADMIN.email, automatique: false })
    expect(audit.apres).toMatchObject({ categorie: 'Remboursement', note: 'Indemnités journalières', regle: `Toujours pour cet IBAN : ${CPAM_IBAN}` })

    // The next one, with the IBAN as a bank prints it (spaces), an invoice-like reference and an open invoice of that amount:
    // explained by the rule before auto-reconciliation, never associated.
    const client = await db.prisma.marque.create({ data: { nom: 'Client Piège' } })
    await db.prisma.document.create({ data: { reference: 'FACT-2026-0777', montantTTC: '54.10', statut: 'ENVOYE', dateEmission: new Date('2026-11-01'), marqueId: client.id } })
    const next = await deliver(delivery({ amount: 54.1, name: 'CPAM DE PARIS', iban: CPAM_IBAN, reference: 'FACT-2026-0777' }))
    expect(next).toMatchObject({ ignoreCategorie: 'REMBOURSEMENT', regleId: result.rule!.id, associe: false, ignorePar: 'système (règle hors facture)' })
    expect(next.allocations).toHaveLength(0)
    const automatic = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { transactionId: next.id, action: 'IGNORE' } })
    expect(automatic.automatique).toBe(true)
    expect(automatic.apres).toMatchObject({ regle: 'Règle : toujours pour cet IBAN (FR76 1027 8060 4100 0202 0370 182) → Remboursement' })
    const notification = await db.prisma.notification.findFirstOrThrow({ where: { type: 'PAIEMENT_RECU', message: { contains: '54,10' } } })
    expect(notification.message).toContain('(ignoré, hors facture : Règle : toujours pour cet IBAN (FR76 1027 8060 4100 0202 0370 182) → Remboursement)')

    const other = await deliver(delivery({ amount: 54.1, name: 'CPAM DE PARIS BIS', iban: OTHER_IBAN, reference: 'Remboursement' }))
    expect(other.ignoreCategorie).toBeNull()
    expect(other.regleId).toBeNull()

    // The rule's page counts what it explained; the shown payment says why.
    const agent = await loggedInAgent(app.app, ADMIN)
    const rules = await agent.get('/admin/api/resources/QontoRegle/actions/list')
    expect(rules.status).toBe(200)
    expect(rules.body.records[0].params).toMatchObject({ libelle: 'FR76 1027 8060 4100 0202 0370 182', paiementsExpliques: 2, actif: true })
    const shown = await agent.get(`/admin/api/resources/TransactionQonto/records/${next.id}/show`)
    expect(JSON.parse(shown.body.record.params.facturesAssociees).ignored).toMatchObject({
      category: 'Remboursement',
      rule: 'Règle : toujours pour cet IBAN (FR76 1027 8060 4100 0202 0370 182) → Remboursement',
    })
  })

  it('a payment Maud restored is never ignored again by a re-delivery of the same transaction', async () => {
    const ctx = testContext(db)
    const first = await deliver(delivery({ amount: 12, name: 'CPAM DE PARIS', iban: CPAM_IBAN_COMPACT, reference: 'IJ', id: 'tx-cpam-restored', updated_at: '2026-11-21T09:00:00Z' }))
    expect(first.ignoreCategorie).toBe('REMBOURSEMENT')
    const restored = await restorePayment(ctx, { transactionId: first.id, actor: maud })
    expect(restored.notice).toMatch(/reste active/)
    const again = await deliver(delivery({ amount: 12, name: 'CPAM DE PARIS', iban: CPAM_IBAN_COMPACT, reference: 'IJ (mis à jour)', id: 'tx-cpam-restored', updated_at: '2026-11-21T10:00:00Z' }))
    expect(again.reference).toBe('IJ (mis à jour)')
    expect(again.ignoreCategorie).toBeNull()
    expect(await db.prisma.qontoAuditLog.count({ where: { transactionId: first.id, action: 'RETABLISSEMENT' } })).toBe(1)
  })

  it('a payer rule explains the next credit of that payer by name; deactivated, it explains nothing more', async () => {
    const ctx = testContext(db)
    const urssaf = await credit('urssaf-1', { montant: '3500.00', emetteur: 'URSSAF ILE DE FRANCE', emetteurCle: 'de france ile urssaf' })
    const { rule } = await ignorePayment(ctx, { transactionId: urssaf.id, category: 'AUTRE', note: 'Régularisation de cotisations', rule: 'PAYEUR', actor: maud })
    expect(rule!.explanation).toBe('Règle : toujours pour ce payeur (URSSAF ILE DE FRANCE) → Autre')
    const next = await deliver(delivery({ amount: 120, name: 'Urssaf Île-de-France', iban: null, reference: 'Régularisation' }))
    expect(next.regleId).toBe(rule!.id)
    await deactivateRule(ctx, { ruleId: rule!.id, actor: maud })
    await expect(deactivateRule(ctx, { ruleId: rule!.id, actor: maud })).rejects.toThrow('déjà désactivée')
    const after = await deliver(delivery({ amount: 130, name: 'URSSAF ILE DE FRANCE', iban: null, reference: 'Régularisation 2' }))
    expect(after.ignoreCategorie).toBeNull()
    expect(await db.prisma.qontoAuditLog.count({ where: { action: 'REGLE_DESACTIVEE' } })).toBe(1)
  })

  it('offers the credits already waiting from that payer as a count, and explains them only on confirmation of that count', async () => {
    const ctx = testContext(db)
    const iban = 'LU280019400644750000'
    const [a, b, c] = await Promise.all(['amz-1', 'amz-2', 'amz-3'].map((id) => credit(id, { montant: '129.99', emetteur: 'AMAZON PAYMENTS EUROPE', emetteurIban: iban })))
    const result = await ignorePayment(ctx, { transactionId: a!.id, category: 'FRAIS_COMMISSION', rule: 'IBAN', actor: maud })
    expect(result.existingMatches).toBe(2)
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: b!.id } })).ignoreCategorie).toBeNull()
    expect(result.existingFingerprint).toBe(creditsFingerprint([c!.id, b!.id]))
    await expect(applyRuleToExisting(ctx, { ruleId: result.rule!.id, expectedFingerprint: creditsFingerprint([b!.id]), actor: maud })).rejects.toThrow('ont changé')
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: c!.id } })).ignoreCategorie).toBeNull()
    const applied = await applyRuleToExisting(ctx, { ruleId: result.rule!.id, expectedFingerprint: result.existingFingerprint!, actor: maud })
    expect(applied.count).toBe(2)
    expect(await db.prisma.transactionQonto.count({ where: { id: { in: [b!.id, c!.id] }, ignoreCategorie: 'FRAIS_COMMISSION', regleId: result.rule!.id } })).toBe(2)
  })

  it('refuses in French what cannot be ignored, and changes nothing', async () => {
    const ctx = testContext(db)
    const debit = await credit('debit-1', { montant: '49.00', emetteur: 'ADOBE', sens: 'DEBIT' })
    const pending = await credit('pending-1', { montant: '49.00', emetteur: 'X', statut: 'PENDING' })
    const plain = await credit('plain-1', { montant: '10.00', emetteur: null, emetteurIban: null })
    const client = await db.prisma.marque.create({ data: { nom: 'Client Payé' } })
    const invoice = await db.prisma.document.create({ data: { reference: 'FACT-2026-0888', montantTTC: '10.00', statut: 'ENVOYE', dateEmission: new Date('2026-11-01'), marqueId: client.id } })
    const paid = await credit('paid-1', { montant: '10.00', emetteur: 'CLIENT PAYÉ' })
    await associate(ctx, { transactionId: paid.id, allocations: [{ invoiceId: invoice.id, amountCents: 1000 }], actor: maud, mode: 'MANUEL' })
    const refuse = (transactionId: string, extra: object = {}) =>
      ignorePayment(ctx, { transactionId, category: 'REMBOURSEMENT', rule: 'AUCUNE', actor: maud, ...extra })
    await expect(refuse(debit.id)).rejects.toThrow('débit')
    await expect(refuse(pending.id)).rejects.toThrow("n'est pas exécuté")
    await expect(refuse(paid.id)).rejects.toThrow('dissociez-le')
    await expect(refuse(plain.id, { category: 'AUTRE' })).rejects.toThrow('précisez la raison')
    await expect(refuse(plain.id, { rule: 'IBAN' })).rejects.toThrow("pas d'IBAN")
    await expect(refuse(plain.id, { category: 'INCONNUE' })).rejects.toThrow(ReconciliationError)
    expect(await db.prisma.transactionQonto.count({ where: { id: { in: [debit.id, pending.id, paid.id, plain.id] }, ignoreCategorie: { not: null } } })).toBe(0)
    await ignorePayment(ctx, { transactionId: plain.id, category: 'VIREMENT_INTERNE', rule: 'AUCUNE', actor: maud })
    await expect(refuse(plain.id)).rejects.toThrow('déjà ignoré')
    await expect(restorePayment(ctx, { transactionId: debit.id, actor: maud })).rejects.toThrow("n'est pas ignoré")
  })

  it('through the panel: the read-only user is refused on the server, Maud ignores and restores by the actions', async () => {
    const target = await credit('panel-1', { montant: '25.00', emetteur: 'QONTO' })
    const reader = await loggedInAgent(app.app, READER)
    const forbidden = await reader.post(`/admin/api/resources/TransactionQonto/records/${target.id}/ignorer`).send({ body: JSON.stringify({ category: 'FRAIS_COMMISSION' }) })
    expect(JSON.stringify(forbidden.body)).toContain('ForbiddenError')
    const agent = await loggedInAgent(app.app, ADMIN)
    const page = await agent.get(`/admin/api/resources/TransactionQonto/records/${target.id}/ignorer`)
    expect(page.body.view).toMatchObject({ refused: null, rules: [{ value: 'PAYEUR', label: 'Toujours pour ce payeur : QONTO' }] })
    const bad = await agent.post(`/admin/api/resources/TransactionQonto/records/${target.id}/ignorer`).send({ body: JSON.stringify({ category: 'AUTRE' }) })
    expect(bad.body).toMatchObject({ ok: false, message: 'Catégorie « Autre » : précisez la raison dans la note.' })
    const done = await agent.post(`/admin/api/resources/TransactionQonto/records/${target.id}/ignorer`).send({ body: JSON.stringify({ category: 'FRAIS_COMMISSION', note: 'Remboursement de frais Qonto' }) })
    expect(done.body).toMatchObject({ ok: true, message: 'Paiement ignoré (Frais / commission).' })
    expect(done.body.record.recordActions.map((a: { name: string }) => a.name)).toContain('retablir')
    const restored = await agent.post(`/admin/api/resources/TransactionQonto/records/${target.id}/retablir`).send({})
    expect(restored.body).toMatchObject({ ok: true })
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: target.id } })).ignoreCategorie).toBeNull()
    // A debit's page says why instead of a 404.
    const debit = await credit('panel-debit', { montant: '9.00', emetteur: 'LOYER', sens: 'DEBIT' })
    const debitPage = await agent.get(`/admin/api/resources/TransactionQonto/records/${debit.id}/ignorer`)
    expect(debitPage.body.view.refused).toMatch(/débit/)
  })

  it("Maud ignores an « SCI DUPONT » capital contribution with the payer rule; the client « Dupont SAS » and « M. DUPONT » are still to reconcile, only « SCI Dupont » is caught", async () => {
    const ctx = testContext(db)
    const apport = await credit('dupont-apport', { montant: '5000.00', emetteur: 'SCI DUPONT', emetteurCle: 'dupont' })
    const waitingClient = await credit('dupont-client-waiting', { montant: '1200.00', emetteur: 'Dupont SAS', emetteurCle: 'dupont' })
    const waitingSame = await credit('dupont-sci-waiting', { montant: '800.00', emetteur: 'S.C.I. Dupont', emetteurCle: 'c dupont i s' })
    // The page says which name the rule catches, and how many credits already waiting bear it.
    const view = await ignoreView(ctx, apport.id)
    const payerChoice = view!.rules.find((r) => r.value === 'PAYEUR')!
    expect(payerChoice.catches).toContain('« SCI DUPONT »')
    expect(payerChoice.existingCount).toBe(0)
    const result = await ignorePayment(ctx, { transactionId: apport.id, category: 'APPORT', note: 'Apport en capital', rule: 'PAYEUR', actor: maud })
    expect(result.rule).toMatchObject({ type: 'PAYEUR', libelle: 'SCI DUPONT' })
    expect(await db.prisma.qontoRegle.findUniqueOrThrow({ where: { id: result.rule!.id } })).toMatchObject({ valeur: 'sci dupont' })
    // « S.C.I. Dupont » folds to « s c i dupont »: another spelling, not caught either; nothing waiting matches.
    expect(result.existingMatches).toBe(0)
    const client = await deliver(delivery({ amount: 1500, name: 'Dupont SAS', iban: null, reference: 'FACT-2026-0999' }))
    expect(client.ignoreCategorie).toBeNull()
    const mister = await deliver(delivery({ amount: 40, name: 'M. DUPONT', iban: null, reference: 'Loyer' }))
    expect(mister.ignoreCategorie).toBeNull()
    const same = await deliver(delivery({ amount: 2500, name: 'Sci Dupont', iban: null, reference: 'Apport 2' }))
    expect(same).toMatchObject({ ignoreCategorie: 'APPORT', regleId: result.rule!.id })
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: waitingClient.id } })).ignoreCategorie).toBeNull()
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: waitingSame.id } })).ignoreCategorie).toBeNull()
    // Another credit of « SCI DUPONT » waiting is counted on the page for the next decision.
    await credit('dupont-apport-3', { montant: '100.00', emetteur: 'sci  dupont', emetteurCle: 'dupont' })
    const other = await credit('dupont-apport-4', { montant: '100.00', emetteur: 'SCI DUPONT', emetteurCle: 'dupont' })
    expect((await ignoreView(ctx, other.id))!.rules.find((r) => r.value === 'PAYEUR')!.existingCount).toBe(1)
  })

  it('a payer rule stored with the old name key (before the exact name) keeps catching its payer only', async () => {
    const legacy = await db.prisma.qontoRegle.create({ data: { type: 'PAYEUR', valeur: 'martin', libelle: 'SARL MARTIN', categorie: 'VIREMENT_INTERNE', creePar: 'maud@test.fr' } })
    const other = await deliver(delivery({ amount: 75, name: 'Martin SAS', iban: null, reference: 'FACT-2026-1000' }))
    expect(other.ignoreCategorie).toBeNull()
    const same = await deliver(delivery({ amount: 300, name: 'SARL Martin', iban: null, reference: 'Virement interne' }))
    expect(same).toMatchObject({ ignoreCategorie: 'VIREMENT_INTERNE', regleId: legacy.id })
    expect(await db.prisma.qontoRegle.findUniqueOrThrow({ where: { id: legacy.id } })).toMatchObject({ valeur: 'sarl martin', actif: true })
  })

  it('« Ignorer aussi ce paiement » never re-ignores a payment Maud restored, and is refused when the offered payments changed though their count did not', async () => {
    const ctx = testContext(db)
    const iban = 'FR7620041010050500013M02606'
    const [first, restoredOne, waiting] = await Promise.all(['poste-1', 'poste-2', 'poste-3'].map((id) => credit(id, { montant: '19.90', emetteur: 'LA BANQUE POSTALE', emetteurIban: iban })))
    await ignorePayment(ctx, { transactionId: restoredOne!.id, category: 'REMBOURSEMENT', rule: 'AUCUNE', actor: maud })
    await restorePayment(ctx, { transactionId: restoredOne!.id, actor: maud })
    const result = await ignorePayment(ctx, { transactionId: first!.id, category: 'REMBOURSEMENT', rule: 'IBAN', actor: maud })
    expect(result.existingMatches).toBe(1)
    expect(result.existingFingerprint).toBe(creditsFingerprint([waiting!.id]))
    // Before Maud confirms, the waiting one is associated elsewhere… and another one arrives: same count, other payment.
    await ignorePayment(ctx, { transactionId: waiting!.id, category: 'AUTRE', note: 'Expliqué autrement', rule: 'AUCUNE', actor: maud })
    const newcomer = await credit('poste-4', { montant: '19.90', emetteur: 'LA BANQUE POSTALE', emetteurIban: iban })
    await expect(applyRuleToExisting(ctx, { ruleId: result.rule!.id, expectedFingerprint: result.existingFingerprint!, actor: maud })).rejects.toThrow(
      'Les paiements concernés ont changé',
    )
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: newcomer.id } })).ignoreCategorie).toBeNull()
    // Through the panel, the confirmation needs the fingerprint the page was given.
    const agent = await loggedInAgent(app.app, ADMIN)
    const missing = await agent.post(`/admin/api/resources/TransactionQonto/records/${first!.id}/ignorer`).send({ body: JSON.stringify({ op: 'applyRule', ruleId: result.rule!.id, expectedCount: 1 }) })
    expect(missing.body.ok).toBe(false)
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: newcomer.id } })).ignoreCategorie).toBeNull()
    const fingerprint = creditsFingerprint([newcomer.id])
    const applied = await agent.post(`/admin/api/resources/TransactionQonto/records/${first!.id}/ignorer`).send({ body: JSON.stringify({ op: 'applyRule', ruleId: result.rule!.id, expectedFingerprint: fingerprint }) })
    expect(applied.body).toMatchObject({ ok: true, count: 1 })
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: restoredOne!.id } })).ignoreCategorie).toBeNull()
    expect((await db.prisma.transactionQonto.findUniqueOrThrow({ where: { id: newcomer.id } })).ignoreCategorie).toBe('REMBOURSEMENT')
  })
})

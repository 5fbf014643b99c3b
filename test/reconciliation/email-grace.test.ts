/**
 * The "facture réglée" e-mail waits a grace period in the outbox: Dissocier within it cancels the
 * e-mail (kept as the proof) and says so; after it, Dissocier says the client was told. A sender
 * holding the e-mail's lease and a cancel never both win. Time moves by rewriting `nextAttemptAt`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import type { OutgoingEmail } from '../../src/options.js'
import { associatedInvoices } from '../../src/reconcile/dissociation-preview.service.js'
import { sendPendingEmails } from '../../src/reconcile/email-outbox.service.js'
import { associate, dissociate, queuedEmailNotice, type Actor } from '../../src/reconcile/reconciliation.service.js'
import { databaseWithMaud } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('client e-mails wait a grace period, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let maud: Actor
  let sent: OutgoingEmail[]
  const send = async (email: OutgoingEmail) => void sent.push(email)

  beforeEach(async () => {
    sent = []
    ;({ db, ctx, maud } = await databaseWithMaud(kind, { overrides: { sendEmail: send, timeZone: 'Europe/Paris' } }))
  })
  afterEach(async () => db.close())

  async function paidInvoice() {
    const client = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', emailContact: 'compta@glow.fr' } })
    const invoice = await db.prisma.document.create({
      data: { reference: 'FACT-2026-301', montantTTC: '2100.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-31'), marqueId: client.id },
    })
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: 'q-301', montant: '2100.00', statut: 'SETTLED', dateTransaction: new Date('2026-11-24T09:00:00Z'), qontoUpdatedAt: new Date() },
    })
    const result = await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: invoice.id, amountCents: 210000 }], actor: maud, mode: 'MANUEL' })
    return { invoice, tx, result }
  }
  /** Maud dissociates while the sender holds the e-mail (SMTP in progress); the SMTP call then ends with `finish`. */
  async function dissociateDuringSend(transactionId: string, finish: (email: OutgoingEmail) => Promise<void>) {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let onClaim!: () => void
    const claimed = new Promise<void>((resolve) => (onClaim = resolve))
    const run = sendPendingEmails(ctx, async (email) => {
      onClaim()
      await gate
      await finish(email)
    })
    await claimed
    const undone = await dissociate(ctx, transactionId, maud)
    release()
    return { undone, outcome: await run }
  }
  const LEAVING_NOTICE =
    "L'e-mail « Facture FACT-2026-301 réglée » à compta@glow.fr part en ce moment : s'il échoue, il sera annulé ; s'il part, le client aura été prévenu que la facture FACT-2026-301 était réglée, prévenez-le de la correction."
  const pastTheGrace = () => db.prisma.qontoEmailOutbox.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } })

  it('Maud undoes a wrong association within ten minutes: the client e-mail is cancelled, kept as proof, never sent', async () => {
    const before = Date.now()
    const { tx, result } = await paidInvoice()
    const queued = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(queued).toMatchObject({ transactionId: tx.id, destinataire: 'compta@glow.fr', sujet: 'Facture FACT-2026-301 réglée', envoyeLe: null, annuleLe: null })
    // Ten minutes from the association (database clock, a few seconds of tolerance).
    expect(Math.abs(queued.nextAttemptAt.getTime() - (before + 10 * 60_000))).toBeLessThan(30_000)
    const leaves = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(queued.nextAttemptAt)
    expect(queuedEmailNotice(ctx, result.emails)).toBe(`Le client recevra « Facture FACT-2026-301 réglée » vers ${leaves} ; Dissocier d'ici là l'annule.`)
    expect(await sendPendingEmails(ctx, send)).toEqual({ sent: 0, failed: 0, abandoned: 0 })

    const undone = await dissociate(ctx, tx.id, maud)
    expect(undone.emailNotices).toEqual(["L'e-mail « Facture FACT-2026-301 réglée » à compta@glow.fr ne partira pas."])
    const proof = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(proof).toMatchObject({ id: queued.id, annulePar: maud.label, envoyeLe: null, texte: queued.texte })
    expect(proof.annuleLe).not.toBeNull()
    await pastTheGrace()
    expect(await sendPendingEmails(ctx, send)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    expect(sent).toEqual([])
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { action: 'DISSOCIATION' } })
    expect(audit.details).toEqual({ emails: undone.emailNotices })
  })

  it('after the grace the e-mail leaves, and Dissocier tells Maud when the client was told', async () => {
    const { tx } = await paidInvoice()
    await pastTheGrace()
    expect(await sendPendingEmails(ctx, send)).toEqual({ sent: 1, failed: 0, abandoned: 0 })
    const sentAt = new Date('2026-11-24T09:42:00Z') // 10:42 in Paris
    await db.prisma.qontoEmailOutbox.updateMany({ data: { envoyeLe: sentAt } })
    const undone = await dissociate(ctx, tx.id, maud)
    expect(undone.emailNotices).toEqual([
      'Le client a été prévenu le 24/11/2026 à 10:42 que la facture FACT-2026-301 était réglée : prévenez-le de la correction.',
    ])
    expect((await db.prisma.qontoEmailOutbox.findFirstOrThrow()).annuleLe).toBeNull()
  })

  it('a sender holding the lease wins over a cancel: Dissocier says it is leaving, the row says sent, never both', async () => {
    const { tx } = await paidInvoice()
    await pastTheGrace()
    const { undone, outcome } = await dissociateDuringSend(tx.id, async (email) => void sent.push(email))
    expect(undone.emailNotices).toEqual([LEAVING_NOTICE])
    expect(outcome).toEqual({ sent: 1, failed: 0, abandoned: 0 })
    const row = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(row.envoyeLe).not.toBeNull()
    expect(row.annuleLe).toBeNull()
  })

  it('a cancel first leaves nothing to claim, and a new association queues a fresh e-mail', async () => {
    const { tx, invoice } = await paidInvoice()
    await dissociate(ctx, tx.id, maud)
    await pastTheGrace()
    expect(await sendPendingEmails(ctx, send)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: invoice.id, amountCents: 210000 }], actor: maud, mode: 'MANUEL' })
    const rows = await db.prisma.qontoEmailOutbox.findMany({ orderBy: { createdAt: 'asc' } })
    expect(rows.map((r) => [r.annuleLe === null, r.envoyeLe === null])).toEqual([[false, true], [true, true]])
    await pastTheGrace()
    expect(await sendPendingEmails(ctx, send)).toEqual({ sent: 1, failed: 0, abandoned: 0 })
    expect(sent.map((e) => e.to)).toEqual(['compta@glow.fr'])
  })

  async function splitPayment() {
    const client = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', emailContact: 'compta@glow.fr' } })
    const invoice = await db.prisma.document.create({
      data: { reference: 'FACT-2026-302', montantTTC: '100.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-31'), marqueId: client.id },
    })
    const payment = (qontoId: string, montant: string) =>
      db.prisma.transactionQonto.create({ data: { qontoId, montant, statut: 'SETTLED', dateTransaction: new Date('2026-11-24T09:00:00Z'), qontoUpdatedAt: new Date() } })
    const a = await payment('q-302-a', '40.00')
    const b = await payment('q-302-b', '60.00')
    await associate(ctx, { transactionId: a.id, allocations: [{ invoiceId: invoice.id, amountCents: 4000 }], actor: maud, mode: 'MANUEL' })
    await associate(ctx, { transactionId: b.id, allocations: [{ invoiceId: invoice.id, amountCents: 6000 }], actor: maud, mode: 'MANUEL' })
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })).statut).toBe('PAYE')
    // The e-mail is queued under B, the payment that completed the invoice.
    expect(await db.prisma.qontoEmailOutbox.findMany({ select: { transactionId: true } })).toEqual([{ transactionId: b.id }])
    return { invoice, a, b }
  }

  it('Maud undoes the first part of a split payment within the grace: the invoice is partly paid again and "réglée" never leaves', async () => {
    const { invoice, a } = await splitPayment()
    // The Dissocier page says so before Maud confirms.
    const [preview] = await associatedInvoices(ctx, a.id)
    expect(preview).toMatchObject({ reference: 'FACT-2026-302', emailState: 'EN_ATTENTE' })
    expect(preview!.email).toMatch(/^E-mail « Facture FACT-2026-302 réglée » à compta@glow\.fr en attente jusqu'à \d\d:\d\d : Dissocier l'annule\.$/)
    const undone = await dissociate(ctx, a.id, maud)
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: invoice.id } })).statut).toBe('PARTIELLEMENT_PAYE')
    expect(undone.emailNotices).toEqual(["L'e-mail « Facture FACT-2026-302 réglée » à compta@glow.fr ne partira pas."])
    const proof = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(proof).toMatchObject({ annulePar: maud.label, envoyeLe: null })
    await pastTheGrace()
    expect(await sendPendingEmails(ctx, send)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    expect(sent).toEqual([])
  })

  it('Maud undoes the first part of a split payment after "réglée" left: Dissocier says the client was told', async () => {
    const { a } = await splitPayment()
    await pastTheGrace()
    expect(await sendPendingEmails(ctx, send)).toEqual({ sent: 1, failed: 0, abandoned: 0 })
    await db.prisma.qontoEmailOutbox.updateMany({ data: { envoyeLe: new Date('2026-11-24T09:42:00Z') } })
    const undone = await dissociate(ctx, a.id, maud)
    expect(undone.emailNotices).toEqual([
      'Le client a été prévenu le 24/11/2026 à 10:42 que la facture FACT-2026-302 était réglée : prévenez-le de la correction.',
    ])
  })

  it('Maud dissociates while the SMTP server is failing the send: the e-mail is cancelled, never retried, never both cancelled and sent', async () => {
    const { tx } = await paidInvoice()
    await pastTheGrace()
    const { undone, outcome } = await dissociateDuringSend(tx.id, async () => {
      throw Object.assign(new Error('421 service not available'), { responseCode: 421 })
    })
    expect(undone.emailNotices).toEqual([LEAVING_NOTICE])
    expect(outcome).toEqual({ sent: 0, failed: 1, abandoned: 0 })
    const row = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(row).toMatchObject({ envoyeLe: null, annulePar: maud.label, lockedUntil: null })
    expect(row.annuleLe).not.toBeNull()
    // The retry time comes: nothing leaves.
    await pastTheGrace()
    expect(await sendPendingEmails(ctx, send)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    expect(sent).toEqual([])
  })
})

/**
 * The "facture réglée" e-mail waits a grace period in the outbox: Dissocier within it cancels the
 * e-mail (kept as the proof) and says so; after it, Dissocier says the client was told. A sender
 * holding the e-mail's lease and a cancel never both win. Time moves by rewriting `nextAttemptAt`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import { silentLogger as logger } from '../../src/logger.js'
import type { OutgoingEmail } from '../../src/options.js'
import { sendPendingEmails } from '../../src/services/email-outbox.service.js'
import { associate, dissociate, queuedEmailNotice, type Actor } from '../../src/services/reconciliation.service.js'
import { createTestUsers, testContext } from '../helpers/app.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('client e-mails wait a grace period, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let maud: Actor
  let sent: OutgoingEmail[]
  const send = async (email: OutgoingEmail) => void sent.push(email)

  beforeEach(async () => {
    db = await createTestDatabase(kind)
    sent = []
    ctx = testContext(db, {}, { sendEmail: send, timeZone: 'Europe/Paris' })
    const { admin } = await createTestUsers(db)
    maud = { userId: admin.id, label: admin.email }
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
    expect(await sendPendingEmails(db.prisma, send, logger)).toEqual({ sent: 0, failed: 0 })

    const undone = await dissociate(ctx, tx.id, maud)
    expect(undone.emailNotices).toEqual(["L'e-mail « Facture FACT-2026-301 réglée » à compta@glow.fr ne partira pas."])
    const proof = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(proof).toMatchObject({ id: queued.id, annulePar: maud.label, envoyeLe: null, texte: queued.texte })
    expect(proof.annuleLe).not.toBeNull()
    await pastTheGrace()
    expect(await sendPendingEmails(db.prisma, send, logger)).toEqual({ sent: 0, failed: 0 })
    expect(sent).toEqual([])
    const audit = await db.prisma.qontoAuditLog.findFirstOrThrow({ where: { action: 'DISSOCIATION' } })
    expect(audit.details).toEqual({ emails: undone.emailNotices })
  })

  it('after the grace the e-mail leaves, and Dissocier tells Maud when the client was told', async () => {
    const { tx } = await paidInvoice()
    await pastTheGrace()
    expect(await sendPendingEmails(db.prisma, send, logger)).toEqual({ sent: 1, failed: 0 })
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
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let claimed!: () => void
    const sending = new Promise<void>((resolve) => (claimed = resolve))
    const slowSend = async (email: OutgoingEmail) => {
      claimed()
      await gate
      sent.push(email)
    }
    const run = sendPendingEmails(db.prisma, slowSend, logger)
    await sending // claimed, SMTP in progress
    const undone = await dissociate(ctx, tx.id, maud)
    expect(undone.emailNotices).toEqual([
      "L'e-mail « Facture FACT-2026-301 réglée » à compta@glow.fr part en ce moment : le client va être prévenu que la facture FACT-2026-301 était réglée, prévenez-le de la correction.",
    ])
    release()
    expect(await run).toEqual({ sent: 1, failed: 0 })
    const row = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(row.envoyeLe).not.toBeNull()
    expect(row.annuleLe).toBeNull()
  })

  it('a cancel first leaves nothing to claim, and a new association queues a fresh e-mail', async () => {
    const { tx, invoice } = await paidInvoice()
    await dissociate(ctx, tx.id, maud)
    await pastTheGrace()
    expect(await sendPendingEmails(db.prisma, send, logger)).toEqual({ sent: 0, failed: 0 })
    await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: invoice.id, amountCents: 210000 }], actor: maud, mode: 'MANUEL' })
    const rows = await db.prisma.qontoEmailOutbox.findMany({ orderBy: { createdAt: 'asc' } })
    expect(rows.map((r) => [r.annuleLe === null, r.envoyeLe === null])).toEqual([[false, true], [true, true]])
    await pastTheGrace()
    expect(await sendPendingEmails(db.prisma, send, logger)).toEqual({ sent: 1, failed: 0 })
    expect(sent.map((e) => e.to)).toEqual(['compta@glow.fr'])
  })
})

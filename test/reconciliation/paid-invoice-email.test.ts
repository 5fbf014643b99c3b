import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import type { OutgoingEmail } from '../../src/options.js'
import { sendPendingEmails } from '../../src/reconcile/email-outbox.service.js'
import { associate, SYSTEM_ACTOR } from '../../src/reconcile/reconciliation.service.js'
import { databaseWithContext, testContext } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

/** The host's `sendEmail`, recording what it sends and failing like an SMTP server while `fail()` says so. */
function recordingSender(fail: () => boolean): ((email: OutgoingEmail) => Promise<void>) & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = []
  const send = async (email: OutgoingEmail) => {
    if (fail()) throw Object.assign(new Error('SMTP 421 service not available'), { responseCode: 421 })
    sent.push(email)
  }
  return Object.assign(send, { sent })
}

describe.each(databaseKinds())('e-mail to the client when an invoice is paid, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  beforeEach(async () => {
    ;({ db, ctx } = await databaseWithContext(kind))
  })
  afterEach(async () => db.close())

  async function payInvoice(amount: string, paid: string) {
    const marque = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', emailContact: 'compta@glow.fr' } })
    const invoice = await db.prisma.document.create({
      data: { reference: `FACT-${amount}-${paid}`, montantTTC: amount, statut: 'ENVOYE', dateEmission: new Date('2026-10-31'), marqueId: marque.id },
    })
    const tx = await db.prisma.transactionQonto.create({
      data: { qontoId: `q-${amount}-${paid}`, montant: paid, statut: 'SETTLED', dateTransaction: new Date('2026-11-20T10:00:00Z'), qontoUpdatedAt: new Date() },
    })
    await associate(testContext(db), {
      transactionId: tx.id,
      allocations: [{ invoiceId: invoice.id, amountCents: Math.round(Number(paid) * 100) }],
      actor: SYSTEM_ACTOR,
      mode: 'AUTOMATIQUE',
    })
    return invoice
  }

  it('queues one e-mail in the same transaction, survives an SMTP failure and sends it exactly once', async () => {
    const invoice = await payInvoice('1500.00', '1500.00')
    const queued = await db.prisma.qontoEmailOutbox.findMany()
    expect(queued).toHaveLength(1)
    expect(queued[0]).toMatchObject({ destinataire: 'compta@glow.fr', sujet: `Facture ${invoice.reference} réglée`, envoyeLe: null })
    expect(queued[0]!.texte).toContain('1\u202f500,00\u00a0€')

    let down = true
    const mailer = recordingSender(() => down)
    // It waits the grace period (an undo may still cancel it), then the first attempt fails.
    expect(await sendPendingEmails(ctx, mailer)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    await db.prisma.qontoEmailOutbox.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } })
    expect(await sendPendingEmails(ctx, mailer)).toEqual({ sent: 0, failed: 1, abandoned: 0 })
    const failed = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(failed).toMatchObject({ envoyeLe: null, attempts: 1, lastError: 'SMTP 421 service not available' })
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now())
    expect(await sendPendingEmails(ctx, mailer)).toEqual({ sent: 0, failed: 0, abandoned: 0 })

    down = false
    await db.prisma.qontoEmailOutbox.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } })
    const [first, second] = await Promise.all([sendPendingEmails(ctx, mailer), sendPendingEmails(ctx, mailer)])
    expect(first.sent + second.sent).toBe(1)
    expect(mailer.sent).toHaveLength(1)
    expect(await sendPendingEmails(ctx, mailer)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    expect((await db.prisma.qontoEmailOutbox.findFirstOrThrow()).envoyeLe).not.toBeNull()
  })

  it('sends nothing for a partial payment', async () => {
    await payInvoice('1980.00', '1000.00')
    expect(await db.prisma.qontoEmailOutbox.count()).toBe(0)
  })
})

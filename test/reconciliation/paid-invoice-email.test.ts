import type { Transporter } from 'nodemailer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import { sendPendingEmails, type Mailer } from '../../src/services/email-outbox.service.js'
import { associate, SYSTEM_ACTOR } from '../../src/services/reconciliation.service.js'
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js'

const logger = createLogger('silent')

function recordingMailer(fail: () => boolean): Mailer & { sent: Array<{ to: string; subject: string; text: string }> } {
  const sent: Array<{ to: string; subject: string; text: string }> = []
  const transport = {
    sendMail: async (message: { to: string; subject: string; text: string }) => {
      if (fail()) throw new Error('SMTP 421 service not available')
      sent.push(message)
      return { messageId: String(sent.length) }
    },
  } as unknown as Transporter
  return { from: 'compta@agence.fr', transport, logOnly: false, sent }
}

describe.each(databaseKinds())('e-mail to the client when an invoice is paid, on %s', (kind) => {
  let db: TestDatabase
  beforeEach(async () => {
    db = await createTestDatabase(kind)
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
    await associate(db.prisma, {
      transactionId: tx.id,
      allocations: [{ documentId: invoice.id, amountCents: Math.round(Number(paid) * 100) }],
      actor: SYSTEM_ACTOR,
      mode: 'AUTOMATIQUE',
    })
    return invoice
  }

  it('queues one e-mail in the same transaction, survives an SMTP failure and sends it exactly once', async () => {
    const invoice = await payInvoice('1500.00', '1500.00')
    const queued = await db.prisma.emailOutbox.findMany()
    expect(queued).toHaveLength(1)
    expect(queued[0]).toMatchObject({ destinataire: 'compta@glow.fr', sujet: `Facture ${invoice.reference} réglée`, envoyeLe: null })
    expect(queued[0]!.texte).toContain('1\u202f500,00\u00a0€')

    let down = true
    const mailer = recordingMailer(() => down)
    expect(await sendPendingEmails(db.prisma, mailer, logger)).toEqual({ sent: 0, failed: 1 })
    const failed = await db.prisma.emailOutbox.findFirstOrThrow()
    expect(failed).toMatchObject({ envoyeLe: null, attempts: 1, lastError: 'SMTP 421 service not available' })
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now())
    expect(await sendPendingEmails(db.prisma, mailer, logger)).toEqual({ sent: 0, failed: 0 })

    down = false
    await db.prisma.emailOutbox.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } })
    const [first, second] = await Promise.all([sendPendingEmails(db.prisma, mailer, logger), sendPendingEmails(db.prisma, mailer, logger)])
    expect(first.sent + second.sent).toBe(1)
    expect(mailer.sent).toHaveLength(1)
    expect(await sendPendingEmails(db.prisma, mailer, logger)).toEqual({ sent: 0, failed: 0 })
    expect((await db.prisma.emailOutbox.findFirstOrThrow()).envoyeLe).not.toBeNull()
  })

  it('sends nothing for a partial payment', async () => {
    await payInvoice('1980.00', '1000.00')
    expect(await db.prisma.emailOutbox.count()).toBe(0)
  })
})

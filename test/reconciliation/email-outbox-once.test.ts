/**
 * The outbox hands each e-mail to SMTP at most once, whatever the processes and crashes: a slow SMTP
 * server and a second sender, a process killed during a send, an SMTP server that refuses, a failure
 * whose outcome is unknown, and Dissocier while the sender works on another e-mail. Written to fail on
 * the former batch claim (120 s lease, no renewal, no attempt cap). Time moves by rewriting the rows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReconciliationContext } from '../../src/context.js'
import type { OutgoingEmail } from '../../src/options.js'
import { MAX_EMAIL_ATTEMPTS, sendPendingEmails } from '../../src/reconcile/email-outbox.service.js'
import { emailState } from '../../src/resources/qonto-email-outbox.resource.js'
import { associate, dissociate, type Actor } from '../../src/reconcile/reconciliation.service.js'
import { databaseWithMaud } from '../helpers/context.js'
import { databaseKinds, type TestDatabase } from '../helpers/databases.js'

describe.each(databaseKinds())('the e-mail outbox hands each e-mail to SMTP at most once, on %s', (kind) => {
  let db: TestDatabase
  let ctx: ReconciliationContext
  let maud: Actor
  let handed: OutgoingEmail[]
  const accept = async (email: OutgoingEmail) => void handed.push(email)

  beforeEach(async () => {
    handed = []
    ;({ db, ctx, maud } = await databaseWithMaud(kind, { overrides: { sendEmail: accept, emailGraceMinutes: 0 } }))
  })
  afterEach(async () => db.close())

  /** `count` invoices paid by `count` payments: one "facture réglée" e-mail each, due now. */
  async function paidInvoices(count: number) {
    const client = await db.prisma.marque.create({ data: { nom: 'Glow Cosmetics SAS', emailContact: 'compta@glow.fr' } })
    const payments: string[] = []
    for (let i = 1; i <= count; i += 1) {
      const invoice = await db.prisma.document.create({
        data: { reference: `FACT-2026-4${i}`, montantTTC: '100.00', statut: 'ENVOYE', dateEmission: new Date('2026-10-31'), marqueId: client.id },
      })
      const tx = await db.prisma.transactionQonto.create({
        data: { qontoId: `q-once-${i}`, montant: '100.00', statut: 'SETTLED', dateTransaction: new Date('2026-11-24T09:00:00Z'), qontoUpdatedAt: new Date() },
      })
      await associate(ctx, { transactionId: tx.id, allocations: [{ invoiceId: invoice.id, amountCents: 10000 }], actor: maud, mode: 'MANUEL' })
      payments.push(tx.id)
    }
    await db.prisma.qontoEmailOutbox.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } })
    return payments
  }
  const adminNotifications = () => db.prisma.notification.findMany({ where: { titre: 'E-mail client non envoyé' } })

  it('a slow SMTP server and a second sender whose clock passed the first one\'s lease: 8 e-mails, each handed once', async () => {
    await paidInvoices(8)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let firstHanded!: () => void
    const firstIsSending = new Promise<void>((resolve) => (firstHanded = resolve))
    // Sender A: its SMTP server takes "30 s" for the first message (held by the gate).
    const a = sendPendingEmails(ctx, async (email) => {
      handed.push(email)
      firstHanded()
      await gate
    })
    await firstIsSending
    // Minutes pass: every lease this process took looks expired to the other one.
    await db.prisma.qontoEmailOutbox.updateMany({ where: { lockedUntil: { not: null } }, data: { lockedUntil: new Date(Date.now() - 1000) } })
    const b = await sendPendingEmails(ctx, accept)
    release()
    const outcomeA = await a
    expect(outcomeA.sent + b.sent).toBe(8)
    expect(handed).toHaveLength(8)
    expect(new Set(handed.map((e) => e.messageId)).size).toBe(8)
    expect(await db.prisma.qontoEmailOutbox.count({ where: { envoyeLe: null } })).toBe(0)
  })

  it('a process killed during a send: never handed again; set aside as uncertain, the admins told once', async () => {
    await paidInvoices(1)
    // What a kill -9 during the SMTP conversation leaves: handed, unconfirmed, its lease no longer renewed.
    await db.prisma.qontoEmailOutbox.updateMany({ data: { remisLe: new Date(Date.now() - 60_000), lockedUntil: new Date(Date.now() - 1000), attempts: 1 } })
    expect(await sendPendingEmails(ctx, accept)).toEqual({ sent: 0, failed: 0, abandoned: 1 })
    expect(await sendPendingEmails(ctx, accept)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    expect(handed).toEqual([])
    const row = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(row.envoyeLe).toBeNull()
    expect(row.abandonneLe).not.toBeNull()
    expect(row.lastError).toContain('envoi interrompu')
    expect(emailState(row as never, 'Europe/Paris')).toMatch(/^Non confirmé .* le client l'a peut-être reçu/)
    const alerts = await adminNotifications()
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.message).toContain('compta@glow.fr')
  })

  it('a send still alive (lease renewed) is left alone by the other process', async () => {
    await paidInvoices(1)
    await db.prisma.qontoEmailOutbox.updateMany({ data: { remisLe: new Date(), lockedUntil: new Date(Date.now() + 45_000), attempts: 1 } })
    expect(await sendPendingEmails(ctx, accept)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    expect(handed).toEqual([])
    expect((await db.prisma.qontoEmailOutbox.findFirstOrThrow()).abandonneLe).toBeNull()
  })

  it('an SMTP server that refuses: retried with the same Message-ID, then set aside after the attempt cap and the admins told', async () => {
    await paidInvoices(1)
    const tries: OutgoingEmail[] = []
    const refuse = async (email: OutgoingEmail) => {
      tries.push(email)
      throw Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 })
    }
    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt += 1) {
      const outcome = await sendPendingEmails(ctx, refuse)
      expect(outcome).toEqual({ sent: 0, failed: 1, abandoned: attempt === MAX_EMAIL_ATTEMPTS ? 1 : 0 })
      await db.prisma.qontoEmailOutbox.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } })
    }
    expect(await sendPendingEmails(ctx, refuse)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    expect(tries).toHaveLength(MAX_EMAIL_ATTEMPTS)
    expect(new Set(tries.map((e) => e.messageId)).size).toBe(1)
    expect(tries[0]!.messageId).toMatch(/^<.+@qonto-reconcile>$/)
    const row = await db.prisma.qontoEmailOutbox.findFirstOrThrow()
    expect(row).toMatchObject({ envoyeLe: null, attempts: MAX_EMAIL_ATTEMPTS })
    expect(row.lastError).toContain(`abandonné après ${MAX_EMAIL_ATTEMPTS} tentatives`)
    expect(emailState(row as never, 'Europe/Paris')).toMatch(new RegExp(`^Abandonné le .* après ${MAX_EMAIL_ATTEMPTS} tentatives refusées`))
    expect(await adminNotifications()).toHaveLength(1)
  })

  it('a failure whose outcome is unknown (timeout in the middle of the conversation) is never retried', async () => {
    await paidInvoices(1)
    const outcome = await sendPendingEmails(ctx, async () => {
      throw Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT' })
    })
    expect(outcome).toEqual({ sent: 0, failed: 1, abandoned: 1 })
    await db.prisma.qontoEmailOutbox.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } })
    expect(await sendPendingEmails(ctx, accept)).toEqual({ sent: 0, failed: 0, abandoned: 0 })
    expect(handed).toEqual([])
    expect((await db.prisma.qontoEmailOutbox.findFirstOrThrow()).lastError).toContain('envoi incertain')
  })

  it('Dissocier while the sender is busy with another e-mail cancels this one: it never leaves', async () => {
    const [first, second] = await paidInvoices(2)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let busy!: () => void
    const sending = new Promise<void>((resolve) => (busy = resolve))
    const run = sendPendingEmails(ctx, async (email) => {
      handed.push(email)
      busy()
      await gate
    })
    await sending
    const undone = await dissociate(ctx, second!, maud)
    release()
    await run
    expect(handed.map((e) => e.subject)).toEqual(['Facture FACT-2026-41 réglée'])
    expect(undone.emailNotices.join(' ')).not.toContain('part en ce moment')
    const rows = await db.prisma.qontoEmailOutbox.findMany({ orderBy: { createdAt: 'asc' } })
    expect(rows[0]).toMatchObject({ transactionId: first })
    expect(rows[0]!.envoyeLe).not.toBeNull()
    expect(rows[1]).toMatchObject({ transactionId: second, envoyeLe: null, annulePar: maud.label })
  })
})

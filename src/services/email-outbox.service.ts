/**
 * Client e-mails through an outbox: `enqueueEmail` runs inside the business transaction, so an
 * e-mail exists exactly when what caused it was committed; `sendPendingEmails` sends afterwards
 * (the host's sendEmail), marks each one sent, and retries failures with backoff. A failed SMTP server never
 * loses nor duplicates a message (unique key; a lease keeps two processes off the same row).
 */
import { randomUUID } from 'node:crypto'
import type { Db, Tx } from '../context.js'
import type { Logger } from '../logger.js'
import type { OutgoingEmail as Message } from '../options.js'

export interface OutgoingEmail {
  cle: string
  to: string
  subject: string
  text: string
}

export async function enqueueEmail(tx: Tx, email: OutgoingEmail): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "qonto_email_outbox" ("id", "cle", "destinataire", "sujet", "texte")
    VALUES (${randomUUID()}, ${email.cle}, ${email.to}, ${email.subject}, ${email.text})
    ON CONFLICT ("cle") DO NOTHING`
}

const LEASE_SECONDS = 120

export async function sendPendingEmails(prisma: Db, send: (email: Message) => Promise<void>, logger: Logger, limit = 50): Promise<{ sent: number; failed: number }> {
  const claimed = await prisma.$queryRaw<Array<{ id: string; destinataire: string; sujet: string; texte: string; attempts: number }>>`
    UPDATE "qonto_email_outbox" SET "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => ${LEASE_SECONDS}), "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "qonto_email_outbox"
      WHERE "envoyeLe" IS NULL AND "nextAttemptAt" <= CURRENT_TIMESTAMP AND ("lockedUntil" IS NULL OR "lockedUntil" < CURRENT_TIMESTAMP)
      ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING "id", "destinataire", "sujet", "texte", "attempts"`
  let sent = 0
  let failed = 0
  for (const email of claimed) {
    try {
      await send({ to: email.destinataire, subject: email.sujet, text: email.texte })
      await prisma.qontoEmailOutbox.update({ where: { id: email.id }, data: { envoyeLe: new Date(), lockedUntil: null, lastError: null } })
      sent += 1
    } catch (error) {
      failed += 1
      const delaySeconds = Math.min(3600, 30 * 2 ** Math.min(email.attempts, 7))
      logger.warn({ to: email.destinataire, attempts: email.attempts, err: (error as Error).message }, 'e-mail not sent, will retry')
      await prisma.qontoEmailOutbox.update({
        where: { id: email.id },
        data: { lockedUntil: null, lastError: (error as Error).message.slice(0, 1000), nextAttemptAt: new Date(Date.now() + delaySeconds * 1000) },
      })
    }
  }
  return { sent, failed }
}

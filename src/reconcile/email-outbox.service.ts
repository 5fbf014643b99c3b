/**
 * Client e-mails through an outbox: `enqueueEmail` runs inside the business transaction, so an
 * e-mail exists exactly when what caused it was committed; `sendPendingEmails` sends afterwards
 * (the host's sendEmail), marks each one sent, and retries failures with backoff. A failed SMTP server never
 * loses nor duplicates a message (unique key; a lease keeps two processes off the same row).
 *
 * Each e-mail waits a grace period (`emailGraceMinutes`) before it may leave: undoing what caused it
 * within that time cancels it (`cancelEmails`), the row stays as the proof. Cancel and send cannot both
 * happen: the sender claims only uncancelled rows. A cancel of a row whose lease a sender holds is
 * recorded too (`annuleLe` on a leased, unsent row is a cancel request): if that send fails the e-mail
 * stays cancelled and is never retried; if it succeeds the row says sent and the request is cleared.
 * A row never ends with both `annuleLe` and `envoyeLe`.
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
  /** The payment whose association queued it (its undo cancels it). */
  transactionId?: string | null
}

/** Queues the e-mail to leave after `graceMinutes` (database clock); returns when it leaves, or null when it already existed. */
export async function enqueueEmail(tx: Tx, email: OutgoingEmail, graceMinutes = 0): Promise<Date | null> {
  const rows = await tx.$queryRaw<Array<{ nextAttemptAt: Date }>>`
    INSERT INTO "qonto_email_outbox" ("id", "cle", "destinataire", "sujet", "texte", "transactionId", "nextAttemptAt")
    VALUES (${randomUUID()}, ${email.cle}, ${email.to}, ${email.subject}, ${email.text}, ${email.transactionId ?? null},
      CURRENT_TIMESTAMP + make_interval(mins => ${graceMinutes}::int))
    ON CONFLICT ("cle") DO NOTHING
    RETURNING "nextAttemptAt"`
  return rows[0]?.nextAttemptAt ?? null
}

/** What became of an e-mail an undo tried to cancel. */
export type CancelledEmail = { cle: string; to: string; subject: string } & (
  | { state: 'ANNULE' }
  | { state: 'ENVOYE'; sentAt: Date }
  /** A sender holds it right now: it is leaving; the cancel is recorded, so if this send fails it is not retried. */
  | { state: 'EN_COURS' }
)

/**
 * Cancels the unsent e-mails with these keys, or whose key starts with one of `prefixes` (inside the
 * undo's transaction). The rows are locked first (a sender's claim skips locked rows). One a sender
 * holds is cancelled as well but reported as leaving: the send in progress cannot be stopped, yet if it
 * fails the e-mail is not retried. A cancelled row keeps its content and gets a new key, so a later
 * association may queue a fresh e-mail. Already sent e-mails are reported (the client was told).
 */
export async function cancelEmails(tx: Tx, keys: string[], by: string, prefixes: string[] = []): Promise<CancelledEmail[]> {
  if (keys.length === 0 && prefixes.length === 0) return []
  const rows = await tx.$queryRaw<Array<{ id: string; cle: string; destinataire: string; sujet: string; envoyeLe: Date | null; leased: boolean }>>`
    SELECT "id", "cle", "destinataire", "sujet", "envoyeLe", COALESCE("lockedUntil" >= CURRENT_TIMESTAMP, false) AS leased
    FROM "qonto_email_outbox"
    WHERE EXISTS (
        -- A key of an e-mail listing several invoices joins theirs with '|': any one of them finds it.
        SELECT 1 FROM unnest(string_to_array("cle", '|')) AS k(part)
        WHERE k.part = ANY(${keys}::text[]) OR EXISTS (SELECT 1 FROM unnest(${prefixes}::text[]) AS p(prefix) WHERE starts_with(k.part, p.prefix))
      )
      AND "annuleLe" IS NULL
    ORDER BY "createdAt" FOR UPDATE`
  const result: CancelledEmail[] = []
  for (const row of rows) {
    const base = { cle: row.cle, to: row.destinataire, subject: row.sujet }
    if (row.envoyeLe) {
      result.push({ ...base, state: 'ENVOYE', sentAt: row.envoyeLe })
      continue
    }
    await tx.$executeRaw`
      UPDATE "qonto_email_outbox" SET "annuleLe" = CURRENT_TIMESTAMP, "annulePar" = ${by}, "cle" = "cle" || ':annule:' || "id"
      WHERE "id" = ${row.id} AND "envoyeLe" IS NULL AND "annuleLe" IS NULL`
    result.push({ ...base, state: row.leased ? 'EN_COURS' : 'ANNULE' })
  }
  return result
}

/**
 * The e-mails with these keys, and the uncancelled ones whose key starts with one of `prefixes`, as they
 * stand (what an undo would cancel or report), without changing them.
 */
export async function emailsByKeys(db: Db | Tx, keys: string[], prefixes: string[] = []) {
  if (keys.length === 0 && prefixes.length === 0) return []
  return db.qontoEmailOutbox.findMany({
    where: {
      OR: [
        { cle: { in: keys } },
        // A key of an e-mail listing several invoices joins theirs with '|': any one of them finds it.
        ...keys.flatMap((key) => [{ startsWith: `${key}|` }, { contains: `|${key}|` }, { endsWith: `|${key}` }].map((cle) => ({ cle, annuleLe: null }))),
        ...prefixes.flatMap((prefix) => [{ startsWith: prefix }, { contains: `|${prefix}` }].map((cle) => ({ cle, annuleLe: null }))),
      ],
    },
    select: { cle: true, destinataire: true, sujet: true, envoyeLe: true, nextAttemptAt: true, lockedUntil: true },
    orderBy: { createdAt: 'asc' },
  })
}

const LEASE_SECONDS = 120

export async function sendPendingEmails(prisma: Db, send: (email: Message) => Promise<void>, logger: Logger, limit = 50): Promise<{ sent: number; failed: number }> {
  const claimed = await prisma.$queryRaw<Array<{ id: string; destinataire: string; sujet: string; texte: string; attempts: number }>>`
    UPDATE "qonto_email_outbox" SET "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => ${LEASE_SECONDS}), "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "qonto_email_outbox"
      WHERE "envoyeLe" IS NULL AND "annuleLe" IS NULL AND "nextAttemptAt" <= CURRENT_TIMESTAMP AND ("lockedUntil" IS NULL OR "lockedUntil" < CURRENT_TIMESTAMP)
      ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    AND "annuleLe" IS NULL
    RETURNING "id", "destinataire", "sujet", "texte", "attempts"`
  let sent = 0
  let failed = 0
  for (const email of claimed) {
    try {
      await send({ to: email.destinataire, subject: email.sujet, text: email.texte })
      // What left is recorded as sent, and a cancel requested meanwhile is cleared (it came too late; the
      // undo told the user the e-mail was leaving): the row must tell the truth, never cancelled and sent.
      await prisma.qontoEmailOutbox.update({ where: { id: email.id }, data: { envoyeLe: new Date(), lockedUntil: null, lastError: null, annuleLe: null, annulePar: null } })
      sent += 1
    } catch (error) {
      failed += 1
      const message = (error as Error).message
      const delaySeconds = Math.min(3600, 30 * 2 ** Math.min(email.attempts, 7))
      // A cancel requested during this send stands (`annuleLe` kept): the claim never takes the row again.
      const retried = await prisma.$executeRaw`
        UPDATE "qonto_email_outbox" SET "lockedUntil" = NULL, "lastError" = ${message.slice(0, 1000)},
          "nextAttemptAt" = CURRENT_TIMESTAMP + make_interval(secs => ${delaySeconds})
        WHERE "id" = ${email.id} AND "annuleLe" IS NULL`
      if (retried === 0) await prisma.qontoEmailOutbox.update({ where: { id: email.id }, data: { lockedUntil: null, lastError: message.slice(0, 1000) } })
      logger.warn({ to: email.destinataire, attempts: email.attempts, err: message }, retried === 0 ? 'e-mail not sent, cancelled meanwhile: not retried' : 'e-mail not sent, will retry')
    }
  }
  return { sent, failed }
}

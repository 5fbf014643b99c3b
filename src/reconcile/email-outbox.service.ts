/**
 * Client e-mails through an outbox: `enqueueEmail` runs inside the business transaction, so an
 * e-mail exists exactly when what caused it was committed; `sendPendingEmails` sends afterwards
 * (the host's sendEmail), one row at a time, marks each one sent, and retries refusals with backoff up to
 * an attempt cap (then a dead letter the admins are told about). See sendPendingEmails for what a crash
 * during a send can and cannot guarantee.
 *
 * Each e-mail waits a grace period (`emailGraceMinutes`) before it may leave: undoing what caused it
 * within that time cancels it (`cancelEmails`), the row stays as the proof. Cancel and send cannot both
 * happen: the sender claims only uncancelled rows. A cancel of a row already handed to SMTP is
 * recorded too (`annuleLe` on a handed, unsent row is a cancel request): if that send fails the e-mail
 * stays cancelled and is never retried; if it succeeds the row says sent and the request is cleared.
 * A row never ends with both `annuleLe` and `envoyeLe`.
 */
import { serverTexts } from '../i18n/server-texts.js'
import { reconcileTexts } from '../i18n/reconcile-texts.js'
import { randomUUID } from 'node:crypto'
import { notify, type Db, type ReconciliationContext, type Tx } from '../context.js'
import type { OutgoingEmail as Message } from '../options.js'
import { heartbeat, LEASE_SECONDS } from '../db/lease.js'

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
  const [leavesAt] = await enqueueEmails(tx, [email], graceMinutes)
  return leavesAt ?? null
}

/** `enqueueEmail` for several e-mails in one statement: when each leaves, or null for one that already existed (its key). */
export async function enqueueEmails(tx: Tx, emails: OutgoingEmail[], graceMinutes = 0): Promise<Array<Date | null>> {
  if (emails.length === 0) return []
  const rows = await tx.$queryRawUnsafe<Array<{ cle: string; nextAttemptAt: Date }>>(
    `INSERT INTO "qonto_email_outbox" ("id", "cle", "destinataire", "sujet", "texte", "transactionId", "nextAttemptAt")
     SELECT e.id, e.cle, e."to", e.subject, e.text, e."transactionId", CURRENT_TIMESTAMP + make_interval(mins => $2::int)
     FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id text, cle text, "to" text, subject text, text text, "transactionId" text)) WITH ORDINALITY AS e(id, cle, "to", subject, text, "transactionId", n)
     ORDER BY e.n
     ON CONFLICT ("cle") DO NOTHING
     RETURNING "cle", "nextAttemptAt"`,
    JSON.stringify(emails.map((email) => ({ id: randomUUID(), cle: email.cle, to: email.to, subject: email.subject, text: email.text, transactionId: email.transactionId ?? null }))),
    graceMinutes,
  )
  const leaves = new Map(rows.map((row) => [row.cle, row.nextAttemptAt]))
  // The same key twice: the first one is the queued one.
  return emails.map((email) => {
    const leavesAt = leaves.get(email.cle) ?? null
    leaves.delete(email.cle)
    return leavesAt
  })
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
    SELECT "id", "cle", "destinataire", "sujet", "envoyeLe", ("remisLe" IS NOT NULL) AS leased
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
    select: { cle: true, destinataire: true, sujet: true, envoyeLe: true, nextAttemptAt: true, remisLe: true },
    orderBy: { createdAt: 'asc' },
  })
}

/** Attempts before an e-mail the SMTP server keeps refusing is set aside (about a day with the backoff below). */
export const MAX_EMAIL_ATTEMPTS = 12

/** The Message-ID header of an outbox row: the same for every attempt, so a receiver can recognise a copy. */
export function messageIdOf(rowId: string): string {
  return `<${rowId}.outbox@qonto-reconcile>`
}

export type SendOutcome = {
  sent: number
  failed: number
  /** Set aside (dead letter) in this run: attempts exhausted, or a send interrupted by a crash. */
  abandoned: number
}

type Sender = (email: Message) => Promise<void>
type OutboxContext = Pick<ReconciliationContext, 'prisma' | 'logger' | 'notifications' | 'links' | 'language'>

/**
 * Sends the due e-mails one at a time until none is left (or `limit` were tried). Each row is claimed
 * alone and marked handed to SMTP (`remisLe`) in the same statement, then sent while a heartbeat renews
 * its lease. Hence, across processes and crashes:
 * - a row is handed to SMTP at most once, unless the server (or the host's sendEmail) said it refused
 *   it (an SMTP reply code, a connection that never opened, or `notSent: true` on the error): then it
 *   is retried with backoff and the same Message-ID, up to MAX_EMAIL_ATTEMPTS, then set aside;
 * - a failure whose outcome is unknown (timeout or reset in the middle of the conversation), and a
 *   process killed during a send (its lease expires without a heartbeat), are never retried: the row
 *   is set aside as "envoi incertain" and the admins are told, since the client may or may not have it;
 * - Dissocier cancels every row not yet handed to SMTP; one being handed is reported as leaving.
 */
export async function sendPendingEmails(ctx: OutboxContext, send: Sender, limit = 200): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: 0, failed: 0, abandoned: await setAsideInterruptedSends(ctx) }
  for (let tried = 0; tried < limit; tried += 1) {
    const [email] = await ctx.prisma.$queryRaw<Array<{ id: string; destinataire: string; sujet: string; texte: string; attempts: number; transactionId: string | null }>>`
      UPDATE "qonto_email_outbox" SET "remisLe" = CURRENT_TIMESTAMP, "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => ${LEASE_SECONDS}), "attempts" = "attempts" + 1
      WHERE "id" = (
        SELECT "id" FROM "qonto_email_outbox"
        WHERE "envoyeLe" IS NULL AND "annuleLe" IS NULL AND "abandonneLe" IS NULL AND "remisLe" IS NULL AND "nextAttemptAt" <= CURRENT_TIMESTAMP
        ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
      AND "annuleLe" IS NULL AND "remisLe" IS NULL
      RETURNING "id", "destinataire", "sujet", "texte", "attempts", "transactionId"`
    if (!email) break
    const beat = heartbeat(
      () => ctx.prisma.$executeRaw`UPDATE "qonto_email_outbox" SET "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => ${LEASE_SECONDS}) WHERE "id" = ${email.id} AND "envoyeLe" IS NULL`,
      (error) => ctx.logger.warn({ err: (error as Error).message }, 'e-mail lease not renewed'),
    )
    try {
      await send({ to: email.destinataire, subject: email.sujet, text: email.texte, messageId: messageIdOf(email.id) })
    } catch (error) {
      beat.stop()
      outcome.failed += 1
      if (await recordFailure(ctx, email, error)) outcome.abandoned += 1
      continue
    }
    beat.stop()
    // What left is recorded as sent, and a cancel requested meanwhile is cleared (it came too late; the
    // undo told the user the e-mail was leaving): the row must tell the truth, never cancelled and sent.
    await ctx.prisma.qontoEmailOutbox.update({ where: { id: email.id }, data: { envoyeLe: new Date(), lockedUntil: null, lastError: null, annuleLe: null, annulePar: null } })
    outcome.sent += 1
  }
  return outcome
}

/** The server said no, or was never reached: nothing was handed over, a retry cannot make a copy. */
export function wasRefused(error: unknown): boolean {
  const { responseCode, code, notSent } = (error ?? {}) as { responseCode?: unknown; code?: unknown; notSent?: unknown }
  if (notSent === true || typeof responseCode === 'number') return true
  return typeof code === 'string' && NEVER_CONNECTED.has(code)
}
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EDNS', 'EAUTH', 'EENVELOPE', 'EMESSAGE'])

/** Returns true when the row was set aside (no retry). */
async function recordFailure(ctx: OutboxContext, email: { id: string; destinataire: string; sujet: string; attempts: number; transactionId: string | null }, error: unknown): Promise<boolean> {
  const message = ((error as Error)?.message ?? String(error)).slice(0, 1000)
  // Why, in the language of the admins' notification (the context's).
  const T = reconcileTexts(ctx.language.current).email
  if (!wasRefused(error)) {
    await setAside(ctx, email, T.uncertain(message))
    return true
  }
  if (email.attempts >= MAX_EMAIL_ATTEMPTS) {
    await setAside(ctx, email, T.gaveUp(email.attempts, message), { refused: true })
    return true
  }
  const delaySeconds = Math.min(3600, 30 * 2 ** Math.min(email.attempts, 7))
  // Handed back (remisLe cleared) for a retry, unless a cancel came meanwhile: then it stays cancelled.
  const retried = await ctx.prisma.$executeRaw`
    UPDATE "qonto_email_outbox" SET "lockedUntil" = NULL, "remisLe" = NULL, "lastError" = ${message},
      "nextAttemptAt" = CURRENT_TIMESTAMP + make_interval(secs => ${delaySeconds})
    WHERE "id" = ${email.id} AND "annuleLe" IS NULL`
  if (retried === 0) await ctx.prisma.qontoEmailOutbox.update({ where: { id: email.id }, data: { lockedUntil: null, remisLe: null, lastError: message } })
  ctx.logger.warn({ to: email.destinataire, attempts: email.attempts, err: message }, retried === 0 ? 'e-mail not sent, cancelled meanwhile: not retried' : 'e-mail not sent, will retry')
  return false
}

/**
 * Rows handed to SMTP whose sender stopped beating (process killed during the send): whether the
 * client got it is unknown, so it is never re-sent; set aside and the admins told.
 */
async function setAsideInterruptedSends(ctx: OutboxContext): Promise<number> {
  const stranded = await ctx.prisma.$queryRaw<Array<{ id: string; destinataire: string; sujet: string; attempts: number; transactionId: string | null }>>`
    SELECT "id", "destinataire", "sujet", "attempts", "transactionId" FROM "qonto_email_outbox"
    WHERE "remisLe" IS NOT NULL AND "envoyeLe" IS NULL AND "abandonneLe" IS NULL AND "lockedUntil" < CURRENT_TIMESTAMP
    ORDER BY "createdAt" LIMIT 100`
  let count = 0
  for (const email of stranded) {
    if (await setAside(ctx, email, reconcileTexts(ctx.language.current).email.interrupted, { onlyIfExpired: true })) count += 1
  }
  return count
}

async function setAside(
  ctx: OutboxContext,
  email: { id: string; destinataire: string; sujet: string; transactionId: string | null },
  reason: string,
  { onlyIfExpired = false, refused = false }: { onlyIfExpired?: boolean; refused?: boolean } = {},
): Promise<boolean> {
  ctx.logger.error({ to: email.destinataire, subject: email.sujet, reason }, 'e-mail set aside, not retried')
  return ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.$executeRaw`
      UPDATE "qonto_email_outbox" SET "abandonneLe" = CURRENT_TIMESTAMP, "lockedUntil" = NULL, "lastError" = ${reason.slice(0, 1000)},
        "remisLe" = CASE WHEN ${refused}::boolean THEN NULL ELSE "remisLe" END
      WHERE "id" = ${email.id} AND "envoyeLe" IS NULL AND "abandonneLe" IS NULL AND (${!onlyIfExpired}::boolean OR "lockedUntil" < CURRENT_TIMESTAMP)`
    if (updated === 0) return false
    await notify(ctx as ReconciliationContext, tx, [
      {
        key: `email-set-aside:${email.id}`,
        type: 'PAIEMENT_ANNULE',
        title: serverTexts(ctx).emailSetAside.title,
        message: serverTexts(ctx).emailSetAside.message(email.sujet, email.destinataire, reason),
        link: email.transactionId ? ctx.links.transaction(email.transactionId) : ctx.links.dashboard(),
      },
    ])
    return true
  })
}

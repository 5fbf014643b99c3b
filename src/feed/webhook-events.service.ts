/**
 * Qonto webhook events: stored (deduplicated on the event id) before the delivery is acknowledged,
 * processed right after, and retried with backoff until processed. Several server processes may
 * share the table: an event is claimed with a short lease before it is worked on.
 */
import { notify, type ReconciliationContext } from '../context.js'
import { QontoResponseError } from '../qonto/errors.js'
import type { QontoClient } from '../qonto/client.js'
import { InvalidTransactionRecordError, toTransactionRecord, type TransactionRecord } from '../qonto/mapping.js'
import { classifyTransactionEvent, recordFromEvent, type WebhookEnvelope } from '../webhooks/payload.js'
import { ingestTransactions } from './transaction-ingest.service.js'

const LEASE_SECONDS = 120
const MAX_BACKOFF_SECONDS = 3600
/** About a day of retries with the backoff above; then the event is set aside and the admins told. */
const MAX_ATTEMPTS = 30

export type StoreOutcome = 'stored' | 'duplicate'

/** Stores a delivery once (its id); a `rejectedReason` stores it as rejected: never processed, visible to the admin. */
export async function storeEvent(ctx: ReconciliationContext, envelope: WebhookEnvelope, rejectedReason?: string): Promise<StoreOutcome> {
  const inserted = await ctx.prisma.$executeRawUnsafe(
    `INSERT INTO "qonto_webhook_events" ("id", "type", "payload", "receivedAt", "nextAttemptAt", "rejectedAt", "lastError")
     VALUES ($1, $2, $3::jsonb, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, $4, $5)
     ON CONFLICT ("id") DO NOTHING`,
    envelope.id,
    envelope.type,
    JSON.stringify(envelope),
    rejectedReason ? new Date() : null,
    rejectedReason ?? null,
  )
  return inserted === 1 ? 'stored' : 'duplicate'
}

export interface ProcessorDeps {
  ctx: ReconciliationContext
  /** When set, the transaction is re-fetched by id (the webhook has no exact cents). */
  qonto?: QontoClient | (() => Promise<QontoClient | undefined>)
}

export type ProcessOutcome = 'processed' | 'failed' | 'not-claimed'

/** Claims the event (if due and not held by another process), processes it, records the outcome. */
export async function processEvent(deps: ProcessorDeps, eventId: string): Promise<ProcessOutcome> {
  const { ctx } = deps
  const { prisma, logger } = ctx
  const claimed = await prisma.$queryRawUnsafe<Array<{ payload: WebhookEnvelope; attempts: number }>>(
    `UPDATE "qonto_webhook_events" SET "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => $2), "attempts" = "attempts" + 1
     WHERE "id" = $1 AND "processedAt" IS NULL AND "rejectedAt" IS NULL AND "nextAttemptAt" <= CURRENT_TIMESTAMP
       AND ("lockedUntil" IS NULL OR "lockedUntil" < CURRENT_TIMESTAMP)
     RETURNING "payload", "attempts"`,
    eventId,
    LEASE_SECONDS,
  )
  const event = claimed[0]
  if (!event) return 'not-claimed'
  try {
    const record = await recordFor(deps, event.payload)
    // Stored and marked processed in one transaction; the new credits' follow-up runs once committed (ingest hooks).
    await ingestTransactions(ctx, [record], async (tx) => {
      await tx.qontoWebhookEvent.update({ where: { id: eventId }, data: { processedAt: new Date(), lockedUntil: null, lastError: null } })
    })
    return 'processed'
  } catch (error) {
    if (error instanceof PermanentEventError || event.attempts >= MAX_ATTEMPTS) {
      const reason = error instanceof PermanentEventError ? error.message : `abandonné après ${event.attempts} tentatives : ${(error as Error).message}`
      await rejectEvent(deps, eventId, reason).catch((failure: unknown) => logger.error({ err: failure, eventId }, 'webhook event could not be set aside'))
      return 'failed'
    }
    const delaySeconds = Math.min(MAX_BACKOFF_SECONDS, 10 * 2 ** Math.min(event.attempts, 12))
    logger.warn({ eventId, attempts: event.attempts, err: (error as Error).message }, 'webhook event processing failed, will retry')
    await prisma.qontoWebhookEvent
      .update({
        where: { id: eventId },
        data: { lockedUntil: null, lastError: (error as Error).message.slice(0, 1000), nextAttemptAt: new Date(Date.now() + delaySeconds * 1000) },
      })
      .catch(() => undefined)
    return 'failed'
  }
}

/** A failure that no retry can fix: the event is set aside as rejected. */
class PermanentEventError extends Error {}

async function recordFor(deps: ProcessorDeps, envelope: WebhookEnvelope): Promise<TransactionRecord> {
  const classified = classifyTransactionEvent(envelope.data)
  if (!classified.ok) throw new PermanentEventError(classified.reason)
  try {
    const qonto = typeof deps.qonto === 'function' ? await deps.qonto() : deps.qonto
    if (qonto) return toTransactionRecord(await qonto.getTransaction(classified.event.id))
    return recordFromEvent(classified.event)
  } catch (error) {
    if (error instanceof QontoResponseError || error instanceof InvalidTransactionRecordError) throw new PermanentEventError(error.message)
    throw error
  }
}

async function rejectEvent(deps: ProcessorDeps, eventId: string, reason: string): Promise<void> {
  const { ctx } = deps
  ctx.logger.warn({ eventId, reason }, 'webhook event rejected, not retried')
  await ctx.prisma.$transaction(async (tx) => {
    await tx.qontoWebhookEvent.update({ where: { id: eventId }, data: { rejectedAt: new Date(), lockedUntil: null, lastError: reason.slice(0, 1000) } })
    await notify(ctx, tx, [
      {
        key: `webhook-rejected:${eventId}`,
        type: 'PAIEMENT_ANNULE',
        title: 'Événement Qonto écarté',
        message: `Un événement Qonto n'a pas pu être traité et ne sera pas réessayé : ${reason}`,
        link: ctx.links.dashboard(),
      },
    ])
  })
}

/** Every event still unprocessed and due (server start, then periodically). */
export async function processPendingEvents(deps: ProcessorDeps, limit = 200): Promise<{ processed: number; failed: number }> {
  const due = await deps.ctx.prisma.qontoWebhookEvent.findMany({
    where: { processedAt: null, rejectedAt: null, nextAttemptAt: { lte: new Date() } },
    orderBy: { receivedAt: 'asc' },
    take: limit,
    select: { id: true },
  })
  let processed = 0
  let failed = 0
  for (const { id } of due) {
    const outcome = await processEvent(deps, id)
    if (outcome === 'processed') processed += 1
    else if (outcome === 'failed') failed += 1
  }
  return { processed, failed }
}


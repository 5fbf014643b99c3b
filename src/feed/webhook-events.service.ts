/**
 * Qonto webhook events: stored (deduplicated on the event id) before the delivery is acknowledged,
 * processed right after in batches, and retried with backoff until processed (then set aside, the
 * admins told). The table is the queue: storing an event is enqueuing it, in the same statement.
 * Several server processes share it: events are claimed with a lease renewed while they are worked on.
 */
import { serverTexts } from '../i18n/server-texts.js'
import { notify, type ReconciliationContext } from '../context.js'
import { QontoResponseError } from '../qonto/errors.js'
import type { QontoClient } from '../qonto/client.js'
import { InvalidTransactionRecordError, toTransactionRecord, type TransactionRecord } from '../qonto/mapping.js'
import { classifyTransactionEvent, type WebhookEnvelope } from '../webhooks/payload.js'
import { heartbeat, LEASE_SECONDS } from '../db/lease.js'
import type { AcceptedRecords } from './accepted-records.js'
import { ingestTransactions } from './transaction-ingest.service.js'

const MAX_BACKOFF_SECONDS = 3600
/** About a day of retries with the backoff above; then the event is set aside and the admins told. */
const MAX_ATTEMPTS = 30

export type StoreOutcome = 'stored' | 'duplicate'

/** Stores a delivery once (its id); a `rejectedReason` stores it as rejected: never processed, visible to the admin. */
export async function storeEvent(ctx: ReconciliationContext, envelope: WebhookEnvelope, rejectedReason?: string): Promise<StoreOutcome> {
  const [outcome] = await storeEvents(ctx, [{ envelope, rejectedReason }])
  return outcome!
}

/**
 * Stores several deliveries in one statement (each once, by id), in the order given: what a batch of
 * concurrent deliveries costs one round trip instead of one each. Storing an event enqueues it.
 */
export async function storeEvents(ctx: ReconciliationContext, items: Array<{ envelope: WebhookEnvelope; rejectedReason?: string }>): Promise<StoreOutcome[]> {
  const rows = items.map(({ envelope, rejectedReason }) => ({ id: envelope.id, type: envelope.type, payload: envelope, rejected: rejectedReason ?? null }))
  const inserted = await ctx.prisma.$queryRawUnsafe<Array<{ id: string }>>(
    `INSERT INTO "qonto_webhook_events" ("id", "type", "payload", "receivedAt", "nextAttemptAt", "rejectedAt", "lastError")
     SELECT e.id, e.type, e.payload, clock_timestamp(), CURRENT_TIMESTAMP, CASE WHEN e.rejected IS NULL THEN NULL ELSE CURRENT_TIMESTAMP END, e.rejected
     FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id text, type text, payload jsonb, rejected text)) WITH ORDINALITY AS e(id, type, payload, rejected, n)
     ORDER BY e.n
     ON CONFLICT ("id") DO NOTHING
     RETURNING "id"`,
    JSON.stringify(rows),
  )
  const fresh = new Set(inserted.map((row) => row.id))
  // The same id twice in one batch: the first is the stored one.
  return items.map(({ envelope }) => (fresh.delete(envelope.id) ? 'stored' : 'duplicate'))
}

export interface ProcessorDeps {
  ctx: ReconciliationContext
  /** When set, the transaction is re-fetched by id (the webhook has no exact cents). */
  qonto?: QontoClient | (() => Promise<QontoClient | undefined>)
  /** The records of the deliveries this process accepted (validated then): their payloads are not read again. */
  accepted?: AcceptedRecords
}

/** A failure that no retry can fix: the event is set aside as rejected. */
class PermanentEventError extends Error {}

/**
 * The event's transaction record: the one computed when this process accepted the delivery, else the
 * stored payload validated now; re-fetched from Qonto by id when the API is reachable.
 */
async function recordFor(qonto: QontoClient | undefined, event: ClaimedEvent): Promise<TransactionRecord> {
  let record = event.record
  if (!record) {
    const classified = classifyTransactionEvent(event.payload?.data)
    if (!classified.ok) throw new PermanentEventError(classified.reason)
    record = classified.record
  }
  try {
    if (qonto) return toTransactionRecord(await qonto.getTransaction(record.qontoId))
    return record
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
        title: serverTexts(ctx).eventRejected.title,
        message: serverTexts(ctx).eventRejected.message(reason),
        link: ctx.links.dashboard(),
      },
    ])
  })
}

/** Every event still unprocessed and due (server start, then periodically), in batches. */
export async function processPendingEvents(deps: ProcessorDeps, limit = 1000): Promise<{ processed: number; failed: number }> {
  const total = { processed: 0, failed: 0 }
  while (total.processed + total.failed < limit) {
    const batch = await processDueEvents(deps)
    total.processed += batch.processed
    total.failed += batch.failed
    if (batch.claimed === 0) break
  }
  return total
}

type ClaimedEvent = { id: string; attempts: number; record?: TransactionRecord; payload?: WebhookEnvelope }

/**
 * Claims up to `limit` due events (oldest first, skipping those another process holds) and stores them
 * in one database transaction together with their "processed" mark. One transaction's created and
 * updated events take effect in Qonto's order whatever order they are processed in: the newest
 * `updated_at` wins in the batch and in the table (ingest locks the rows it compares). An
 * event that cannot be read is retried or set aside alone; a batch that fails as a whole is retried
 * one event at a time. The lease is renewed while the batch works.
 */
export async function processDueEvents(deps: ProcessorDeps, limit = 100): Promise<{ claimed: number; processed: number; failed: number }> {
  const { ctx } = deps
  const claimed = await ctx.prisma.$queryRawUnsafe<ClaimedEvent[]>(
    `UPDATE "qonto_webhook_events" SET "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => $2), "attempts" = "attempts" + 1
     WHERE "id" IN (
       SELECT e."id" FROM "qonto_webhook_events" e
       WHERE e."processedAt" IS NULL AND e."rejectedAt" IS NULL AND e."nextAttemptAt" <= CURRENT_TIMESTAMP
         AND (e."lockedUntil" IS NULL OR e."lockedUntil" < CURRENT_TIMESTAMP)
       ORDER BY e."receivedAt" LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING "id", "attempts"`,
    limit,
    LEASE_SECONDS,
  )
  if (claimed.length === 0) return { claimed: 0, processed: 0, failed: 0 }
  for (const event of claimed) event.record = deps.accepted?.take(event.id)
  const ids = claimed.map((e) => e.id)
  const beat = heartbeat(
    () => ctx.prisma.$executeRawUnsafe(`UPDATE "qonto_webhook_events" SET "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => $2) WHERE "id" = ANY($1::text[]) AND "processedAt" IS NULL`, ids, LEASE_SECONDS),
    (error) => ctx.logger.warn({ err: (error as Error).message }, 'webhook events lease not renewed'),
  )
  try {
    await readPayloads(deps, claimed.filter((event) => !event.record))
    let failed = 0
    const readable: Array<{ event: ClaimedEvent; record: TransactionRecord }> = []
    // The Qonto access once for the batch (a database read), not once per event; unreadable, every event is retried later.
    let qonto: QontoClient | undefined
    try {
      qonto = typeof deps.qonto === 'function' ? await deps.qonto() : deps.qonto
    } catch (error) {
      for (const event of claimed) await recordFailure(deps, event, error)
      return { claimed: claimed.length, processed: 0, failed: claimed.length }
    }
    await forEachLimited(claimed, 8, async (event) => {
      try {
        readable.push({ event, record: await recordFor(qonto, event) })
      } catch (error) {
        failed += 1
        await recordFailure(deps, event, error)
      }
    })
    if (readable.length === 0) return { claimed: claimed.length, processed: 0, failed }
    try {
      await storeProcessed(deps, readable)
      return { claimed: claimed.length, processed: readable.length, failed }
    } catch (error) {
      if (readable.length === 1) {
        await recordFailure(deps, readable[0]!.event, error)
        return { claimed: claimed.length, processed: 0, failed: failed + 1 }
      }
      ctx.logger.warn({ err: (error as Error).message, events: readable.length }, 'webhook batch failed, retried one event at a time')
      let processed = 0
      for (const one of readable) {
        try {
          await storeProcessed(deps, [one])
          processed += 1
        } catch (single) {
          failed += 1
          await recordFailure(deps, one.event, single)
        }
      }
      return { claimed: claimed.length, processed, failed }
    }
  } finally {
    beat.stop()
  }
}

/** The stored payloads of events accepted elsewhere (another process, before a restart), in one query. */
async function readPayloads(deps: ProcessorDeps, events: ClaimedEvent[]): Promise<void> {
  if (events.length === 0) return
  const rows = await deps.ctx.prisma.$queryRawUnsafe<Array<{ id: string; payload: WebhookEnvelope }>>(
    `SELECT "id", "payload" FROM "qonto_webhook_events" WHERE "id" = ANY($1::text[])`,
    events.map((event) => event.id),
  )
  const payloads = new Map(rows.map((row) => [row.id, row.payload]))
  for (const event of events) event.payload = payloads.get(event.id)
}

/** The records and their events' "processed" mark, in one transaction; then the new credits' follow-up (ingest hooks). */
async function storeProcessed(deps: ProcessorDeps, batch: Array<{ event: ClaimedEvent; record: TransactionRecord }>): Promise<void> {
  await ingestTransactions(
    deps.ctx,
    batch.map((b) => b.record),
    async (tx) => {
      await tx.$executeRawUnsafe(
        `UPDATE "qonto_webhook_events" SET "processedAt" = CURRENT_TIMESTAMP, "lockedUntil" = NULL, "lastError" = NULL WHERE "id" = ANY($1::text[])`,
        batch.map((b) => b.event.id),
      )
    },
  )
}

/** A failed event: set aside when no retry can help (or attempts are exhausted), otherwise retried with backoff. */
async function recordFailure(deps: ProcessorDeps, event: ClaimedEvent, error: unknown): Promise<void> {
  const { ctx } = deps
  if (error instanceof PermanentEventError || event.attempts >= MAX_ATTEMPTS) {
    const reason = error instanceof PermanentEventError ? error.message : `abandonné après ${event.attempts} tentatives : ${(error as Error).message}`
    await rejectEvent(deps, event.id, reason).catch((failure: unknown) => ctx.logger.error({ err: failure, eventId: event.id }, 'webhook event could not be set aside'))
    return
  }
  const delaySeconds = Math.min(MAX_BACKOFF_SECONDS, 10 * 2 ** Math.min(event.attempts, 12))
  ctx.logger.warn({ eventId: event.id, attempts: event.attempts, err: (error as Error).message }, 'webhook event processing failed, will retry')
  await ctx.prisma.qontoWebhookEvent
    .update({
      where: { id: event.id },
      data: { lockedUntil: null, lastError: (error as Error).message.slice(0, 1000), nextAttemptAt: new Date(Date.now() + delaySeconds * 1000) },
    })
    .catch(() => undefined)
}

async function forEachLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane))
}

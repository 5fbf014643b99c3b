/**
 * Incremental Qonto sync: pages of transactions updated since the stored cursor (rewound by a
 * safety margin), all statuses, oldest update first. Each page is stored together with the cursor
 * in one database transaction, so a failure or a killed process resumes from the last stored page.
 * One sync at a time across every server process: a lease on the account's sync-state row.
 */
import type { Language } from '../admin/locale/language.js'
import { serverTexts } from '../i18n/server-texts.js'
import type { ReconciliationContext } from '../context.js'
import { ReconciliationError } from '../errors.js'
import { heartbeat, LEASE_SECONDS } from '../db/lease.js'
import { accountKey, type BankAccountSelector } from '../qonto/config.js'
import type { QontoClient } from '../qonto/client.js'
import type { TransactionRecord } from '../qonto/mapping.js'
import type { MalformedTransaction, TransactionListPage } from '../qonto/schemas.js'
import { recordsOf, setAsideTransactions } from './rejected-transactions.service.js'
import { emptyReport, ingestTransactions, type IngestReport } from './transaction-ingest.service.js'

export const STORE_BATCH_PAGES = 10
export const DEFAULT_SAFETY_MARGIN_MS = 60 * 60 * 1000

export interface SyncOptions {
  /** Start from this date instead of the stored cursor. */
  since?: Date
  safetyMarginMs?: number
  perPage?: number
  onPage?: (progress: PageProgress) => void
}

/** A page received from Qonto and committed to the database. */
export interface PageProgress {
  page: number
  totalPages: number | null
  received: number
}

/**
 * What a sync did, in counts: it pages through without accumulating (each batch's new credits were
 * handed to the ingest hooks when it committed), so its memory stays flat whatever the history.
 */
export interface SyncSummary extends Omit<IngestReport, 'newCreditIds'> {
  /** Credits stored for the first time or just settled (their follow-up ran batch by batch). */
  newCredits: number
  pages: number
  cursor: string | null
  /** Malformed transactions set aside with their reason (rejected-transactions.service.ts); the rest of their page stored. */
  rejected: number
}

/** Another sync holds the lease: nothing was done. `message` is the French text, `in(language)` the reader's. */
export class SyncAlreadyRunningError extends ReconciliationError {
  override name = 'SyncAlreadyRunningError'
  constructor() {
    super('syncAlreadyRunning')
  }
}

export async function syncTransactions(
  ctx: ReconciliationContext,
  client: QontoClient,
  account: BankAccountSelector,
  options: SyncOptions = {},
): Promise<SyncSummary> {
  const stateId = accountKey(account)
  const leased = await ctx.prisma.$queryRawUnsafe<unknown[]>(
    `INSERT INTO "qonto_sync_states" AS s ("id", "lockedUntil", "updatedAt")
     VALUES ($1, CURRENT_TIMESTAMP + make_interval(secs => $2), CURRENT_TIMESTAMP)
     ON CONFLICT ("id") DO UPDATE SET "lockedUntil" = EXCLUDED."lockedUntil", "updatedAt" = CURRENT_TIMESTAMP
     WHERE s."lockedUntil" IS NULL OR s."lockedUntil" < CURRENT_TIMESTAMP
     RETURNING s."id"`,
    stateId,
    LEASE_SECONDS,
  )
  if (leased.length === 0) throw new SyncAlreadyRunningError()
  // The lease is renewed while the sync is alive (a slow Qonto page included): a crashed process
  // frees the account within one lease (45 s) of silence.
  const beat = heartbeat(
    () => ctx.prisma.$executeRawUnsafe(`UPDATE "qonto_sync_states" SET "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => $2) WHERE "id" = $1 AND "lockedUntil" IS NOT NULL`, stateId, LEASE_SECONDS),
    (error) => ctx.logger.warn({ err: (error as Error).message }, 'qonto sync lease not renewed'),
  )
  try {
    return await runSync(ctx, client, account, stateId, options)
  } finally {
    beat.stop()
    await ctx.prisma.qontoSyncState.update({ where: { id: stateId }, data: { lockedUntil: null } }).catch(() => undefined)
  }
}

async function runSync(ctx: ReconciliationContext, client: QontoClient, account: BankAccountSelector, stateId: string, options: SyncOptions): Promise<SyncSummary> {
  const state = await ctx.prisma.qontoSyncState.findUnique({ where: { id: stateId } })
  const margin = options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS
  const from = options.since ?? (state?.cursor ? new Date(state.cursor.getTime() - margin) : undefined)
  const summary = emptySyncSummary(state?.cursor?.toISOString() ?? null)

  const fetchPage = (page: number) =>
    client.listTransactions({
      account,
      status: ['pending', 'completed', 'declined'],
      updatedAtFrom: from?.toISOString(),
      sortBy: 'updated_at:asc',
      page,
      perPage: options.perPage ?? 100,
    })
  let pending: Promise<TransactionListPage> | null = fetchPage(1)
  try {
    while (pending !== null) {
      // Up to STORE_BATCH_PAGES pages are stored with the cursor in one database transaction; the
      // next page is always being fetched meanwhile. A failure loses nothing: the cursor only moves
      // with what was committed, and a resumed sync fetches the rest again.
      const batch: Array<{ meta: TransactionListPage['meta']; records: TransactionRecord[]; malformed: MalformedTransaction[] }> = []
      while (pending !== null && batch.length < STORE_BATCH_PAGES) {
        const result: TransactionListPage = await pending
        pending = result.meta.next_page === null ? null : fetchPage(result.meta.next_page)
        pending?.catch(() => undefined)
        batch.push({ meta: result.meta, ...recordsOf(result) })
      }
      const records = batch.flatMap((b) => b.records)
      const malformed = batch.flatMap((b) => b.malformed)
      const batchCursor = records.reduce<string | null>((max, r) => (max === null || r.qontoUpdatedAt > max ? r.qontoUpdatedAt : max), summary.cursor)
      const lastBatch = pending === null
      const report = await ingestTransactions(ctx, records, async (tx) => {
        await setAsideTransactions(ctx, tx, malformed)
        await tx.qontoSyncState.update({
          where: { id: stateId },
          data: {
            ...(batchCursor !== null ? { cursor: new Date(batchCursor) } : {}),
            // The last batch of a sync that went through every page: the feed is alive (feed-health.service.ts).
            ...(lastBatch ? { lastSuccessAt: new Date() } : {}),
            lastRunAt: new Date(), lastError: null, lockedUntil: new Date(Date.now() + LEASE_SECONDS * 1000),
          },
        })
      })
      summary.cursor = batchCursor
      summary.rejected += malformed.length
      addReport(summary, report)
      for (const { meta, records: pageRecords, malformed: pageMalformed } of batch) {
        summary.pages += 1
        options.onPage?.({ page: meta.current_page, totalPages: meta.total_pages ?? null, received: pageRecords.length + pageMalformed.length })
      }
    }
  } catch (error) {
    await ctx.prisma.qontoSyncState
      .update({ where: { id: stateId }, data: { lastRunAt: new Date(), lastError: (error as Error).message.slice(0, 1000) } })
      .catch(() => undefined)
    throw error
  }
  return summary
}

export function emptySyncSummary(cursor: string | null): SyncSummary {
  const { newCreditIds: _ids, ...report } = emptyReport()
  return { ...report, newCredits: 0, pages: 0, cursor, rejected: 0 }
}

/** Adds a batch's ingest report (or an account's summary) to a sync's totals: counts, and the rare reversed and explained ids. */
export function addReport(total: SyncSummary, page: IngestReport | SyncSummary): void {
  total.created += page.created
  total.updated += page.updated
  total.unchanged += page.unchanged
  total.skipped += page.skipped
  total.newCredits += 'newCredits' in page ? page.newCredits : page.newCreditIds.length
  total.reversedIds.push(...page.reversedIds)
  if (page.explainedIds?.length) (total.explainedIds ??= []).push(...page.explainedIds)
  if (page.autoReconciled) {
    const sum = total.autoReconciled ?? { examined: 0, matched: 0, left: 0 }
    total.autoReconciled = { examined: sum.examined + page.autoReconciled.examined, matched: sum.matched + page.autoReconciled.matched, left: sum.left + page.autoReconciled.left }
  }
}

/** "3 nouvelles, 1 mise à jour, 10 inchangées, 0 ignorée" */
export function describeSync(summary: Pick<IngestReport, 'created' | 'updated' | 'unchanged' | 'skipped'>, language: Language = 'fr'): string {
  return serverTexts({ language: { current: language } }).sync.summary(summary.created, summary.updated, summary.unchanged, summary.skipped)
}

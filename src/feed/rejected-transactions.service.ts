/**
 * A transaction of a Qonto sync page that cannot be stored (schema or mapping refuses it: a
 * 3-decimal amount, a NUL in a label…) is set aside with its reason, like a rejected webhook event,
 * and the rest of its page is stored. The admins are told once per transaction version, however
 * many syncs see it again (from the cursor less its safety margin).
 */
import { serverTexts } from '../i18n/server-texts.js'
import { createHash } from 'node:crypto'
import { notify, type ReconciliationContext, type Tx } from '../context.js'
import { toSafeText } from '../domain/text/safe-text.js'
import { InvalidTransactionRecordError, toTransactionRecord, type TransactionRecord } from '../qonto/mapping.js'
import type { MalformedTransaction, TransactionListPage } from '../qonto/schemas.js'

/** The page's records, and what could not become one (the schema's refusals, then the mapping's). */
export function recordsOf(page: Pick<TransactionListPage, 'transactions' | 'malformed'>): { records: TransactionRecord[]; malformed: MalformedTransaction[] } {
  const records: TransactionRecord[] = []
  const malformed = [...page.malformed]
  for (const transaction of page.transactions) {
    try {
      records.push(toTransactionRecord(transaction))
    } catch (error) {
      if (!(error instanceof InvalidTransactionRecordError)) throw error
      malformed.push({ qontoId: transaction.id, bankAccountId: transaction.bank_account_id ?? null, updatedAt: transaction.updated_at, reason: error.problem, raw: transaction })
    }
  }
  return { records, malformed }
}

/** One row per transaction version: its id and `updated_at`, or a digest of what was sent when it has no readable id. */
function rowId(item: MalformedTransaction): string {
  if (item.qontoId) return `${item.qontoId}@${item.updatedAt ?? ''}`
  return `sans-id:${createHash('sha256').update(JSON.stringify(item.raw) ?? '').digest('hex')}`
}

/** JSON PostgreSQL accepts whatever was sent: NUL characters and lone surrogates replaced (U+FFFD). */
function storableJson(raw: unknown): string {
  return JSON.stringify(raw ?? null, (_key, value: unknown) => (typeof value === 'string' ? toSafeText(value) : value))
}

/** Inside the page's ingest transaction: stores (or notes seen again) each malformed transaction; tells the admins of the new ones. */
export async function setAsideTransactions(ctx: ReconciliationContext, tx: Tx, malformed: MalformedTransaction[]): Promise<void> {
  if (malformed.length === 0) return
  const rows = malformed.map((item) => ({
    id: rowId(item),
    qontoId: item.qontoId,
    bankAccountId: item.bankAccountId,
    qontoUpdatedAt: item.updatedAt,
    reason: item.reason.slice(0, 1000),
    payload: JSON.parse(storableJson(item.raw)) as unknown,
  }))
  const fresh = await tx.$queryRawUnsafe<Array<{ id: string; fresh: boolean }>>(
    `INSERT INTO "qonto_rejected_transactions" AS r ("id", "qontoId", "bankAccountId", "qontoUpdatedAt", "reason", "payload", "firstSeenAt", "lastSeenAt")
     SELECT v.id, v."qontoId", v."bankAccountId", v."qontoUpdatedAt", v.reason, v.payload, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
     FROM jsonb_to_recordset($1::jsonb) AS v(id text, "qontoId" text, "bankAccountId" text, "qontoUpdatedAt" text, reason text, payload jsonb)
     ON CONFLICT ("id") DO UPDATE SET "lastSeenAt" = CURRENT_TIMESTAMP
     RETURNING r.id, (r."firstSeenAt" = r."lastSeenAt") AS fresh`,
    JSON.stringify(rows),
  )
  ctx.logger.warn({ rejected: malformed.map((m) => ({ qontoId: m.qontoId, reason: m.reason })) }, 'qonto transactions set aside (malformed)')
  const freshIds = new Set(fresh.filter((r) => r.fresh).map((r) => r.id))
  const told = malformed.filter((item) => freshIds.has(rowId(item)))
  await notify(
    ctx,
    tx,
    told.map((item) => {
      const payer = payerOf(item.raw)
      return {
        key: `transaction-rejected:${rowId(item)}`,
        type: 'PAIEMENT_ANNULE' as const,
        title: serverTexts(ctx).transactionRejected.title,
        message: serverTexts(ctx).transactionRejected.message(item.qontoId ?? serverTexts(ctx).transactionRejected.noId, payer ?? null, item.reason),
        link: ctx.links.dashboard(),
      }
    }),
  )
}

function payerOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object') return null
  const { clean_counterparty_name: name, label } = raw as Record<string, unknown>
  const text = typeof name === 'string' && name ? name : typeof label === 'string' && label ? label : null
  return text ? toSafeText(text).replace(/[\u0001-\u001f]/g, ' ').slice(0, 100) : null
}

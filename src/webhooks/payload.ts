/**
 * The webhook envelope and the v1/transactions data, validated; converted to our transaction record.
 *
 * Two kinds of refusal, kept apart:
 * - a body whose envelope cannot be read at all (not JSON, no usable `id`/`type`/`data`):
 *   answered 400, nothing stored (`classifyWebhookBody` → `malformed`);
 * - a well-formed envelope whose transaction data can never be valid (impossible amount, currency
 *   or date, NUL or broken Unicode, nesting deeper than 64 levels): answered 200, stored as
 *   rejected with its French reason, never retried (`rejected`).
 * Every function here is pure and never throws on any input.
 */
import { z } from 'zod'
import { inspectJson, isSafeText, MAX_JSON_DEPTH, storableJson } from '../domain/text/safe-text.js'
import { toTransactionRecord, type TransactionRecord } from '../qonto/mapping.js'
import { isCents, isEuros, isRow, isSafeString, quickQontoTransaction } from '../qonto/quick-check.js'
import {
  amountsAgree,
  centsSchema,
  currencySchema,
  describeIssues,
  eurosSchema,
  eurosToCents,
  identifier,
  instantSchema,
  qontoTransactionSchema,
  safeText,
} from '../qonto/schemas.js'

export const TRANSACTIONS_TYPE = 'v1/transactions'

export const envelopeSchema = z.object({
  id: z.string().min(1).max(200).refine(isSafeText, { error: 'Identifiant illisible' }),
  type: z.string().min(1).max(100).refine(isSafeText, { error: 'Type illisible' }),
  data: z.record(z.string(), z.unknown()),
})
export type WebhookEnvelope = z.infer<typeof envelopeSchema>

/** The documented example carries `amount` in euros (number, sometimes a string) and no `*_cents`. */
export const transactionEventSchema = z
  .object({
    event: z.enum(['created', 'updated']),
    id: identifier(),
    amount: eurosSchema.optional(),
    amount_cents: centsSchema.optional(),
    currency: currencySchema,
    side: z.enum(['credit', 'debit']),
    status: safeText(),
    updated_at: instantSchema,
    settled_at: instantSchema.nullish(),
    emitted_at: instantSchema.nullish(),
    operation_type: safeText().optional(),
    transaction_id: safeText().nullish(),
    label: safeText().nullish(),
    clean_counterparty_name: safeText().nullish(),
    reference: safeText().nullish(),
    note: safeText().nullish(),
    bank_account_id: safeText().nullish(),
    bank_account: z.object({ id: safeText() }).loose().nullish(),
  })
  .loose()
  // The fields we do not name are kept (loose) and stored: they must be safe and shallow too.
  .check((ctx) => {
    const inspection = inspectJson(ctx.value, MAX_JSON_DEPTH)
    if (!inspection.ok) ctx.issues.push({ code: 'custom', message: inspection.reason, input: ctx.value })
  })
  .refine((data) => data.amount !== undefined || data.amount_cents !== undefined, { message: 'amount is required', path: ['amount'] })
  .refine(amountsAgree, { error: 'amount et amount_cents ne correspondent pas', path: ['amount_cents'] })

export type TransactionEvent = z.infer<typeof transactionEventSchema>

/** A valid event carries its transaction record, computed once (what processing stores). */
export type TransactionEventClassification = { ok: true; event: TransactionEvent; record: TransactionRecord } | { ok: false; reason: string }

/**
 * The `data` of a v1/transactions envelope: a valid event, or the French reason it can never be
 * valid (the same data will be refused again on every retry). Never throws.
 */
export function classifyTransactionEvent(data: unknown): TransactionEventClassification {
  const inspection = inspectJson(data, MAX_JSON_DEPTH)
  if (!inspection.ok) return { ok: false, reason: `Données de transaction refusées : ${inspection.reason}` }
  const parsed = transactionEventSchema.safeParse(data)
  if (!parsed.success) return { ok: false, reason: `Données de transaction invalides : ${describeIssues(parsed.error)}` }
  try {
    return { ok: true, event: parsed.data, record: recordFromEvent(parsed.data) }
  } catch (error) {
    return { ok: false, reason: `Données de transaction invalides : ${(error as Error).message}` }
  }
}

export type WebhookBodyClassification =
  /** Not an envelope at all: answer 400, store nothing. */
  | { kind: 'malformed'; reason: string }
  /** Another event type: answer 200 `ignored`. */
  | { kind: 'ignored'; envelope: WebhookEnvelope }
  /** A readable envelope whose data can never be valid: answer 200, store `storable` as rejected with `reason`, never retry. */
  | { kind: 'rejected'; envelope: WebhookEnvelope; reason: string; storable: unknown }
  /** A valid transaction event and its record (validated once, here): store, then process the record. */
  | { kind: 'accepted'; envelope: WebhookEnvelope; event: TransactionEvent; record: TransactionRecord }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The raw (signature-checked) body → what to answer and store. Invalid UTF-8, NUL characters,
 * lone surrogates and deep nesting are classified, never thrown. Never throws.
 */
export function classifyWebhookBody(rawBody: Buffer | Uint8Array | string, { quick = true }: { /** false: the schemas only (tests compare both ways). */ quick?: boolean } = {}): WebhookBodyClassification {
  let text: string
  let invalidUtf8 = false
  if (typeof rawBody === 'string') text = rawBody
  else {
    try {
      text = utf8.decode(rawBody)
    } catch {
      invalidUtf8 = true
      text = Buffer.from(rawBody).toString('utf8') // U+FFFD for the broken bytes, to read the envelope
    }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { kind: 'malformed', reason: 'Corps JSON invalide' }
  }
  if (quick && !invalidUtf8) {
    const accepted = quickAccepted(text, json)
    if (accepted) return accepted
  }
  const envelope = envelopeSchema.safeParse(json)
  if (!envelope.success) return { kind: 'malformed', reason: `Enveloppe inattendue : ${envelope.error.issues[0]?.path.join('.') || 'racine'}` }
  if (envelope.data.type !== TRANSACTIONS_TYPE) return { kind: 'ignored', envelope: envelope.data }
  const rejected = (reason: string): WebhookBodyClassification => ({ kind: 'rejected', envelope: envelope.data, reason, storable: storableJson(envelope.data) })
  if (invalidUtf8) return rejected('Corps refusé : UTF-8 invalide')
  const envelopeInspection = inspectJson(json, MAX_JSON_DEPTH)
  if (!envelopeInspection.ok) return rejected(`Enveloppe refusée : ${envelopeInspection.reason}`)
  const classification = classifyTransactionEvent(envelope.data.data)
  return classification.ok ? { kind: 'accepted', envelope: envelope.data, event: classification.event, record: classification.record } : rejected(classification.reason)
}

/** Used when no API credentials allow re-fetching the transaction by id. */
export function recordFromEvent(event: TransactionEvent): TransactionRecord {
  const transaction = transactionOf(event)
  return toTransactionRecord(quickQontoTransaction(transaction) ?? qontoTransactionSchema.parse(transaction))
}

/** The event as the API's transaction (what qontoTransactionSchema reads). */
function transactionOf(event: TransactionEvent) {
  return {
    ...event,
    amount_cents: event.amount_cents ?? eurosToCents(event.amount!),
    operation_type: event.operation_type ?? 'income',
    bank_account_id: event.bank_account_id ?? event.bank_account?.id ?? null,
  }
}

/**
 * The common valid delivery classified without the schemas (the hand checks of quick-check.ts with
 * their rules), or null: the schemas decide, and word any refusal. The body's text stands for the
 * whole document's inspection: with no \u escape and no unsafe character in it (the UTF-8 decoder
 * refuses encoded surrogates, JSON raw control characters), no string or key holds a NUL or a lone
 * surrogate; with at most MAX_JSON_DEPTH brackets in all, nothing nests deeper.
 */
function quickAccepted(text: string, json: unknown): WebhookBodyClassification | null {
  if (!isRow(json) || json.type !== TRANSACTIONS_TYPE || !isRow(json.data)) return null
  const { id, data } = json
  if (typeof id !== 'string' || id.length < 1 || id.length > 200) return null
  // A `__proto__` key is an own key for JSON.parse but zod's objects and records drop it: the schemas decide.
  if (text.includes('\\u') || text.includes('__proto__') || !isSafeText(text) || bracketsIn(text) > MAX_JSON_DEPTH) return null
  const d = data
  // What the event schema adds to the transaction's; the fields both check, quickQontoTransaction checks on the transaction.
  const valid =
    (d.event === 'created' || d.event === 'updated') &&
    (d.amount === undefined || isEuros(d.amount)) && (d.amount_cents === undefined || isCents(d.amount_cents)) && (d.amount !== undefined || d.amount_cents !== undefined) &&
    (d.operation_type === undefined || isSafeString(d.operation_type)) && (d.bank_account === undefined || d.bank_account === null || (isRow(d.bank_account) && isSafeString(d.bank_account.id)))
  if (!valid) return null
  const event = data as TransactionEvent
  const transaction = quickQontoTransaction(transactionOf(event))
  if (!transaction) return null
  let record: TransactionRecord
  try {
    record = toTransactionRecord(transaction)
  } catch {
    return null
  }
  return { kind: 'accepted', envelope: { id, type: TRANSACTIONS_TYPE, data }, event, record }
}

/** Opening brackets in the text, strings included: at least the deepest nesting. */
function bracketsIn(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i)
    if (c === 123 || c === 91) count += 1
  }
  return count
}

/**
 * The hand checks against the schemas on random mutations of the real payloads (fixtures): several
 * fields changed at once, each to a value valid for it or to an odd one, extra and special keys, and
 * for deliveries the body's text itself (escapes, whitespace). Whatever the hand checks accept must be
 * accepted by the schemas with exactly the same value; the webhook's record must be the one the
 * schemas alone built before the quick path (qontoTransactionSchema.parse of the event as a transaction).
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toTransactionRecord } from '../../src/qonto/mapping.js'
import { quickQontoTransaction } from '../../src/qonto/quick-check.js'
import { eurosToCents, qontoTransactionSchema } from '../../src/qonto/schemas.js'
import { classifyWebhookBody, type TransactionEvent } from '../../src/webhooks/payload.js'

type Row = Record<string, unknown>
const fixture = (name: string): Row => JSON.parse(readFileSync(new URL(`../fixtures/qonto/${name}`, import.meta.url), 'utf8')) as Row
const page = fixture('transactions-list-page.json').transactions as Row[]
const single = fixture('transaction-credit-transfer.json')
const delivery = fixture('webhook-v1-transactions.body.json') as { id: string; type: string; data: Row }
const TRANSACTIONS: Row[] = [...page, (single.transaction as Row) ?? single, delivery.data]

const TEXT_FIELDS = ['id', 'transaction_id', 'operation_type', 'status', 'label', 'clean_counterparty_name', 'reference', 'note', 'bank_account_id']
const INSTANT_FIELDS = ['settled_at', 'emitted_at', 'updated_at']
const COUNTERPARTIES = ['income', 'swift_income', 'transfer', 'direct_debit_collection']
const COUNTERPARTY_FIELDS = ['counterparty_account_number', 'counterparty_account_number_format', 'counterparty_bank_identifier', 'counterparty_bank_identifier_format']
const SPECIAL_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'extra', '']

const text = fc.oneof(
  fc.constantFrom('', 'x', ' EUR ', 'eur', 'EUR', 'Eur', 'usd', 'XXX', 'xts', 'XTs', 'EURO', 'E R', 'É', 'credit', 'debit', 'Credit', 'created', 'updated', 'completed', 'income', 'iban', 'a\u0000b', 'a\ud800', '\udc00', 'ok\ud83d\ude00', 'x'.repeat(200), 'x'.repeat(201)),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ maxLength: 6 }),
)
const instant = fc.oneof(
  fc.date({ min: new Date('1960-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+02:00')),
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30T00:00:00Z', '2026-03-02T24:00:00Z', '2026-03-02T09:14:27.512345Z', '2026-03-02 09:14:27Z', ' 2026-03-02T09:14:27Z', '2026-03-02T09:14:27z'),
)
const cents = fc.oneof(fc.nat({ max: 10_000_000 }), fc.constantFrom(0, -0, -1, 0.5, 1e12 - 1, 1e12, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY))
const euros = fc.oneof(
  cents.map((c) => c / 100),
  cents.map((c) => (c / 100).toFixed(2)),
  cents.map((c) => String(c / 100)),
  fc.double(),
  fc.constantFrom('1440', '1440.5', '1440.50', '1440.500', '01440.5', '+1', '-1', '1e3', ' 1', '1,5', '.5', '5.', 1e21, 1e-7, -0),
)
const leaf = fc.oneof(text, instant, cents, euros, fc.constant(null), fc.boolean())
const counterparty = fc.oneof(
  fc.record(Object.fromEntries(COUNTERPARTY_FIELDS.map((k) => [k, fc.oneof(text, fc.constant(null), fc.constant('FR7630006000011234567890189'), fc.constant('iban'))])), { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom(...COUNTERPARTY_FIELDS, ...SPECIAL_KEYS), leaf, { maxKeys: 3 }),
  fc.constantFrom(null, [], 'x', 5),
)
const anyValue = fc.oneof(leaf, counterparty, fc.array(leaf, { maxLength: 2 }), fc.constant(undefined))

/** One change: a field set to a value meant for it (often valid) or to anything, or removed (undefined). */
const change: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constantFrom(...TEXT_FIELDS), fc.oneof(text, fc.constant(null), fc.constant(undefined))),
  fc.tuple(fc.constantFrom(...INSTANT_FIELDS), fc.oneof(instant, fc.constant(null), fc.constant(undefined))),
  fc.tuple(fc.constant('currency'), text),
  fc.tuple(fc.constant('side'), text),
  fc.tuple(fc.constant('event'), text),
  fc.tuple(fc.constant('amount'), fc.oneof(euros, fc.constant(null), fc.constant(undefined))),
  fc.tuple(fc.constant('amount_cents'), fc.oneof(cents, fc.constant(null), fc.constant(undefined))),
  fc.tuple(fc.constant('bank_account'), fc.oneof(fc.record({ id: text }), fc.dictionary(text, leaf, { maxKeys: 2 }), fc.constant(null))),
  fc.tuple(fc.constantFrom(...COUNTERPARTIES), fc.oneof(counterparty, fc.constant(undefined))),
  fc.tuple(fc.constantFrom(...SPECIAL_KEYS), anyValue),
)
/** Both amounts agreeing (the common valid case), as a number or a string. */
const agreeingAmounts = fc.tuple(fc.nat({ max: 100_000_000 }), fc.boolean()).map(([c, asString]) => ({ amount: asString ? (c / 100).toFixed(2) : c / 100, amount_cents: c }))

/** A transaction as JSON would bring it (own `__proto__` keys included), mutated. */
const mutated = (base: Row, changes: Array<[string, unknown]>, amounts: Row | null): Row => {
  let json = JSON.stringify(base)
  const extra: Row = {}
  const removed = new Set<string>()
  for (const [key, value] of changes) {
    if (value === undefined) removed.add(key)
    else {
      removed.delete(key)
      Object.defineProperty(extra, key, { value, enumerable: true, writable: true, configurable: true })
    }
  }
  if (amounts) Object.assign(extra, amounts)
  // Written as JSON text so that a `__proto__` key is an own key, as JSON.parse makes it.
  const copy = JSON.parse(json) as Row
  for (const key of removed) delete copy[key]
  json = JSON.stringify(copy).slice(0, -1)
  const tail = Object.keys(extra).map((key) => `${JSON.stringify(key)}:${JSON.stringify(extra[key]) ?? 'null'}`).join(',')
  return JSON.parse(tail ? `${json}${json.length > 1 ? ',' : ''}${tail}}` : `${json}}`) as Row
}

const mutation = fc.record({
  base: fc.constantFrom(...TRANSACTIONS),
  changes: fc.array(change, { maxLength: 4 }),
  amounts: fc.option(agreeingAmounts, { nil: null }),
})

describe('quickQontoTransaction on random mutations of the fixtures', () => {
  it('never accepts what the schema refuses, and returns exactly the schema\'s value', () => {
    let answered = 0
    fc.assert(
      fc.property(mutation, ({ base, changes, amounts }) => {
        const item = mutated(base, changes, amounts)
        const quick = quickQontoTransaction(item)
        if (quick === null) return
        answered += 1
        const schema = qontoTransactionSchema.safeParse(item)
        expect(schema.success, JSON.stringify(item)).toBe(true)
        expect(quick).toStrictEqual(schema.data)
        expect(Object.keys(quick)).toEqual(Object.keys(schema.data!))
      }),
      { numRuns: 4000 },
    )
    expect(answered).toBeGreaterThan(400)
  })
})

/** JSON with every object's keys sorted (own `__proto__` keys included, as JSON.stringify writes them). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Row)[k]])) : v,
  )

/** What the webhook built from a valid event before the quick path: the schema, never the hand checks. */
const schemaRecord = (event: TransactionEvent) =>
  toTransactionRecord(
    qontoTransactionSchema.parse({
      ...event,
      amount_cents: event.amount_cents ?? eurosToCents(event.amount!),
      operation_type: event.operation_type ?? 'income',
      bank_account_id: event.bank_account_id ?? event.bank_account?.id ?? null,
    }),
  )

/** The body's text changed without changing its meaning (or with a \u escape making a character). */
const textChange = fc.constantFrom<(body: string) => string>(
  (body) => body,
  (body) => ` ${body}\n`,
  (body) => body.replace(/"label":"([^"]*)"/, (_m, label: string) => `"label":"${label.replace(/[A-Z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)}"`),
  (body) => body.replace(/"reference":"/, '"reference":"\\/'),
  (body) => body.replace(/,"data":/, ',"data" :'),
  (body) => `\ufeff${body}`,
)

describe('the webhook quick path on random mutations of the documented delivery', () => {
  it('classifies every mutated delivery as the schemas alone do', () => {
    let accepted = 0
    fc.assert(
      fc.property(mutation, fc.array(change, { maxLength: 2 }), textChange, fc.boolean(), ({ base, changes, amounts }, envelopeChanges, edit, asBuffer) => {
        const data = mutated(base === delivery.data ? base : { ...delivery.data, ...base }, changes, amounts)
        const envelope = mutated({ id: delivery.id, type: delivery.type }, envelopeChanges.filter(([key]) => key !== 'data'), null)
        const body = edit(JSON.stringify(envelope).slice(0, -1) + `,"data":${JSON.stringify(data)}}`)
        const raw = asBuffer ? Buffer.from(body) : body
        const quick = classifyWebhookBody(raw)
        const schemas = classifyWebhookBody(raw, { quick: false })
        // Compared as sorted JSON: toStrictEqual would read a `constructor` key as the type.
        expect(canonical(quick), body).toBe(canonical(schemas))
        expect(Object.getPrototypeOf(quick.kind === 'accepted' ? quick.event : {})).toBe(Object.prototype)
        if (quick.kind === 'accepted') {
          accepted += 1
          expect(canonical(quick.record)).toBe(canonical(schemaRecord(quick.event)))
        }
      }),
      { numRuns: 1500 },
    )
    expect(accepted).toBeGreaterThan(150)
  })
})

/**
 * Issue 13, items 11, 12 and 14: what Qonto (REST or webhook) sends is refused when it can never be
 * valid: impossible amounts, currencies that are not ISO 4217 codes, PostgreSQL date words and
 * impossible dates, NUL characters and lone surrogates.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { toTransactionRecord } from '../../src/qonto/mapping.js'
import { qontoTransactionSchema } from '../../src/qonto/schemas.js'
import { recordFromEvent, transactionEventSchema } from '../../src/webhooks/payload.js'

const SAMPLES = new URL('../fixtures/qonto/', import.meta.url)
const restSample = JSON.parse(readFileSync(new URL('transaction-credit-transfer.json', SAMPLES), 'utf8')).transaction as Record<string, unknown>
const webhookSample = JSON.parse(readFileSync(new URL('webhook-v1-transactions.body.json', SAMPLES), 'utf8')).data as Record<string, unknown>

const rest = (overrides: Record<string, unknown>) => qontoTransactionSchema.safeParse({ ...restSample, ...overrides })
const hook = (overrides: Record<string, unknown>) => transactionEventSchema.safeParse({ ...webhookSample, ...overrides })

const BAD_DATES = ['infinity', '-infinity', 'Infinity', 'epoch', 'now', 'today', '2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', '2026-03-02T24:00:00Z',
  '1969-12-31T23:59:59Z', '2201-01-01T00:00:00Z', '9999-12-31T00:00:00Z', '2026-03-02', '', 'not a date', '2026-03-02T09:14:27Z\u0000']
const BAD_TEXT = ['DUPONT\u0000', 'A\ud800B', 'x\udc00', '\ud83d']

describe('Qonto REST transactions at the edge', () => {
  it('still accepts the documented sample and keeps its values', () => {
    const parsed = rest({})
    expect(parsed.success).toBe(true)
    expect(toTransactionRecord(parsed.data!)).toMatchObject({ amountCents: 144000, currency: 'EUR', qontoUpdatedAt: '2026-03-02T09:14:28.130Z' })
  })

  it('normalises the currency to upper case and refuses what is not 3 letters or not a currency', () => {
    expect(rest({ currency: 'eur' }).data?.currency).toBe('EUR')
    expect(toTransactionRecord(rest({ currency: 'eur' }).data!).currency).toBe('EUR')
    for (const currency of ['EU', 'EURO', 'E1R', '€€€', ' EU', 'XXX', 'XTS', '']) expect(rest({ currency }).success, currency).toBe(false)
  })

  it('refuses non-integer, negative, out-of-bound and inconsistent amounts', () => {
    for (const amount_cents of [1.5, -1, 1e12, 1e21, Number.MAX_SAFE_INTEGER + 2]) {
      expect(rest({ amount_cents, amount: undefined }).success, String(amount_cents)).toBe(false)
    }
    expect(rest({ amount: 1440.001 }).success).toBe(false)
    expect(rest({ amount: 1441 }).success).toBe(false)
    expect(rest({ amount: 1440, amount_cents: 144000 }).success).toBe(true)
    expect(rest({ amount: 0.07, amount_cents: 7 }).success).toBe(true)
  })

  it.each(BAD_DATES)('refuses the date %j', (date) => {
    expect(rest({ updated_at: date }).success).toBe(false)
    expect(rest({ settled_at: date }).success).toBe(false)
    expect(rest({ emitted_at: date }).success).toBe(false)
  })

  it('accepts real instants with an offset or fractions', () => {
    for (const date of ['2026-03-02T09:14:27Z', '2026-03-02T10:14:27+01:00', '2024-02-29T00:00:00.123456Z', '1970-01-01T00:00:00Z']) {
      expect(rest({ updated_at: date }).success, date).toBe(true)
    }
  })

  it.each(BAD_TEXT)('refuses NUL and lone surrogates in text fields (%j)', (text) => {
    for (const field of ['label', 'reference', 'clean_counterparty_name', 'note', 'id', 'status', 'operation_type']) {
      expect(rest({ [field]: text }).success, field).toBe(false)
    }
    expect(rest({ income: { counterparty_account_number: text } }).success).toBe(false)
  })

  it('keeps well-formed non-ASCII text (accents, emoji)', () => {
    expect(rest({ label: 'Société Générale 🍀' }).success).toBe(true)
  })
})

describe('Qonto webhook transaction data at the edge', () => {
  it('still accepts the documented sample', () => {
    const parsed = hook({})
    expect(parsed.success).toBe(true)
    expect(recordFromEvent(parsed.data!)).toMatchObject({ amountCents: 144000, currency: 'EUR' })
  })

  it('refuses amounts that are not finite, have more than 2 decimals, are negative or huge', () => {
    for (const amount of [Infinity, Number.NaN, JSON.parse('1e400'), 0.001, 1440.555, -5, 1e10, 1e21, '1e3', '12.345', '', 'NaN']) {
      expect(hook({ amount }).success, String(amount)).toBe(false)
    }
    expect(hook({ amount: '1440.50' }).success).toBe(true)
  })

  it('refuses cents that disagree with the amount', () => {
    expect(hook({ amount: 1440, amount_cents: 144001 }).success).toBe(false)
    expect(hook({ amount: 1440, amount_cents: 144000 }).success).toBe(true)
  })

  it('normalises the currency and refuses anything else', () => {
    expect(recordFromEvent(hook({ currency: 'eur' }).data!).currency).toBe('EUR')
    for (const currency of ['EU', 'e u', '123', 'XXX']) expect(hook({ currency }).success, currency).toBe(false)
  })

  it.each(BAD_DATES)('refuses the date %j', (date) => {
    expect(hook({ updated_at: date }).success).toBe(false)
    expect(hook({ settled_at: date }).success).toBe(false)
  })

  it.each(BAD_TEXT)('refuses NUL and lone surrogates (%j)', (text) => {
    expect(hook({ label: text }).success).toBe(false)
    expect(hook({ reference: text }).success).toBe(false)
    expect(hook({ id: text }).success).toBe(false)
  })
})

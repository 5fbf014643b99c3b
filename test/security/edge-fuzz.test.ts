/**
 * Fuzz (fast-check) of the webhook body, the v1/transactions data and the Qonto REST schema: random
 * and adversarial input never throws, and whatever is accepted keeps the invariants every reader
 * relies on (integer cents in bounds, upper-case 3-letter currency, real instants, safe text).
 * The invariants are checked here independently of the code under test.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toTransactionRecord, type TransactionRecord } from '../../src/qonto/mapping.js'
import { qontoTransactionSchema } from '../../src/qonto/schemas.js'
import { classifyTransactionEvent, classifyWebhookBody, recordFromEvent } from '../../src/webhooks/payload.js'

const SAMPLES = new URL('../fixtures/qonto/', import.meta.url)
const webhookBody = readFileSync(new URL('webhook-v1-transactions.body.json', SAMPLES), 'utf8')
const webhook = JSON.parse(webhookBody) as { data: Record<string, unknown> } & Record<string, unknown>
const restSample = JSON.parse(readFileSync(new URL('transaction-credit-transfer.json', SAMPLES), 'utf8')).transaction as Record<string, unknown>

const RUNS = { numRuns: 600 }

/** Any UTF-16 code units, lone surrogates and NUL included. */
const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 })
const nested = fc.integer({ min: 1, max: 3000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown)

const adversarial = fc.oneof(
  fc.constantFrom(
    'infinity', '-infinity', 'Infinity', 'epoch', 'now', 'today', 'allballs', '2026-02-30T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59Z',
    '2026-03-02T09:14:27Z', '2026-03-02T10:14:27.5+01:00', '2026-03-02', 'eur', 'EUR', 'Eur', 'XXX', 'E€R', 'EU', '', '\u0000', 'a\ud800', '\udfff',
    '1440.50', '1440.505', '1e3', '-1', 'NaN', '=HYPERLINK("x")', 'credit', 'debit', 'created', 'updated', 'completed',
  ),
  fc.constantFrom(0, -0, 1, -1, 0.07, 0.1 + 0.2, 1440, 1440.5, 1440.555, 1e10 - 0.01, 1e12, 1e21, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Infinity, -Infinity, Number.NaN),
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, undefined, true, [], {}),
  utf16,
  nested,
  fc.anything({ maxDepth: 3 }),
)

/** The sample with some fields replaced by adversarial values (or removed). */
const mutated = (base: Record<string, unknown>) =>
  fc.dictionary(fc.constantFrom(...Object.keys(base), 'amount_cents', 'extra'), adversarial, { maxKeys: 4 }).map((overrides) => {
    const copy: Record<string, unknown> = { ...base, ...overrides }
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete copy[key]
    return copy
  })

const unpaired = (text: string) => !(text as string & { isWellFormed(): boolean }).isWellFormed()
const safe = (text: string | null) => text === null || (!text.includes('\u0000') && !unpaired(text))
const realInstant = (text: string) => {
  const ms = Date.parse(text)
  return Number.isFinite(ms) && ms >= Date.UTC(1970, 0, 1) && ms < Date.UTC(2201, 0, 1)
}

function expectInvariants(record: TransactionRecord) {
  expect(Number.isSafeInteger(record.amountCents)).toBe(true)
  expect(record.amountCents).toBeGreaterThanOrEqual(0)
  expect(record.amountCents).toBeLessThan(10 ** 12)
  expect(record.currency).toMatch(/^[A-Z]{3}$/)
  expect(realInstant(record.date), record.date).toBe(true)
  expect(realInstant(record.qontoUpdatedAt), record.qontoUpdatedAt).toBe(true)
  for (const text of [record.qontoId, record.operationType, record.label, record.reference, record.note, record.counterpartyName, record.counterpartyIban, record.counterpartyBic, record.bankAccountId]) {
    expect(safe(text), JSON.stringify(text)).toBe(true)
  }
}

describe('fuzz: webhook transaction data', () => {
  it('never throws; what is accepted maps to a record with the invariants; what is refused has a French reason', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(mutated(webhook.data), adversarial), (data) => {
        const result = classifyTransactionEvent(data)
        if (result.ok) {
          accepted += 1
          expectInvariants(recordFromEvent(result.event))
        } else {
          expect(result.reason).toMatch(/^Données de transaction (invalides|refusées) : ./)
        }
      }),
      RUNS,
    )
    expect(accepted).toBeGreaterThan(0) // the generator does reach the accepting side
  })
})

describe('fuzz: webhook body', () => {
  const envelopeWith = (data: unknown) => JSON.stringify({ ...webhook, data })
  const bodies = fc.oneof(
    fc.string(),
    utf16,
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    fc.json(),
    mutated(webhook.data).map(envelopeWith),
    mutated(webhook).map((envelope) => JSON.stringify(envelope)),
    nested.map(envelopeWith),
    fc.tuple(fc.constant(Buffer.from(webhookBody)), fc.nat({ max: webhookBody.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([body, index, byte]) => {
      const copy = Buffer.from(body)
      copy[index] = byte
      return copy
    }),
  )

  it('classifies every body without throwing; rejections carry a storable copy', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const result = classifyWebhookBody(body)
        expect(['malformed', 'ignored', 'rejected', 'accepted']).toContain(result.kind)
        if (result.kind === 'malformed' || result.kind === 'rejected') expect(result.reason.length).toBeGreaterThan(0)
        if (result.kind === 'rejected') {
          const stored = JSON.stringify(result.storable)
          expect(safe(stored)).toBe(true)
          expect(safe(result.envelope.id)).toBe(true)
        }
        if (result.kind === 'accepted') expectInvariants(recordFromEvent(result.event))
      }),
      RUNS,
    )
  })
})

describe('fuzz: Qonto REST transaction schema', () => {
  it('never throws; what it accepts maps to a record with the invariants', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(mutated(restSample), adversarial), (json) => {
        const parsed = qontoTransactionSchema.safeParse(json)
        if (!parsed.success) return
        accepted += 1
        expectInvariants(toTransactionRecord(parsed.data))
      }),
      RUNS,
    )
    expect(accepted).toBeGreaterThan(0)
  })
})

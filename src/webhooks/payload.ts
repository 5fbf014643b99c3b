/** The webhook envelope and the v1/transactions data, validated; converted to our transaction record. */
import { z } from 'zod'
import { parseAmount } from '../domain/money.js'
import { toTransactionRecord, type TransactionRecord } from '../qonto/mapping.js'
import { qontoTransactionSchema } from '../qonto/schemas.js'

export const TRANSACTIONS_TYPE = 'v1/transactions'

export const envelopeSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()),
})
export type WebhookEnvelope = z.infer<typeof envelopeSchema>

const amountSchema = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d{1,2})?$/)])

/** The documented example carries `amount` in euros (number, sometimes a string) and no `*_cents`. */
export const transactionEventSchema = z
  .object({
    event: z.enum(['created', 'updated']),
    id: z.string().min(1),
    amount: amountSchema.optional(),
    amount_cents: z.number().int().nonnegative().optional(),
    currency: z.string().length(3),
    side: z.enum(['credit', 'debit']),
    status: z.string(),
    updated_at: z.string(),
    operation_type: z.string().optional(),
    bank_account_id: z.string().nullish(),
    bank_account: z.object({ id: z.string() }).loose().nullish(),
  })
  .loose()
  .refine((data) => data.amount !== undefined || data.amount_cents !== undefined, { message: 'amount is required', path: ['amount'] })

export type TransactionEvent = z.infer<typeof transactionEventSchema>

/** Used when no API credentials allow re-fetching the transaction by id. */
export function recordFromEvent(event: TransactionEvent): TransactionRecord {
  const amountCents = event.amount_cents ?? parseAmount(String(event.amount))
  return toTransactionRecord(
    qontoTransactionSchema.parse({
      ...event,
      amount_cents: amountCents,
      operation_type: event.operation_type ?? 'income',
      bank_account_id: event.bank_account_id ?? event.bank_account?.id ?? null,
    }),
  )
}

/**
 * Qonto's bank accounts (`GET /v2/bank_accounts`) and webhook subscriptions (`/v2/webhook_subscriptions`),
 * as ../shared/qonto/API.md §5 and §7 describe them, validated with zod: extra fields tolerated, the
 * fields we rely on required, balances optional (only with the balance-read permission) and coerced
 * from text (one rendering sends `authorized_balance` as a string).
 */
import { z } from 'zod'
import { currencySchema, identifier, MAX_ABS_CENTS, paginationMetaSchema, safeText } from './schemas.js'

/** A balance in cents (may be negative), sent as a number or an integer string. */
const balanceCents = z.preprocess(
  (value) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value),
  z.number().int().gt(-MAX_ABS_CENTS).lt(MAX_ABS_CENTS).nullish(),
)

export const bankAccountSchema = z.object({
  id: identifier(),
  name: safeText().max(200).nullish(),
  status: safeText().max(50).nullish(),
  main: z.boolean().nullish(),
  iban: safeText().max(50).nullish(),
  bic: safeText().max(20).nullish(),
  currency: currencySchema,
  balance_cents: balanceCents,
  updated_at: safeText().nullish(),
  is_external_account: z.boolean().nullish(),
})
export type QontoBankAccountItem = z.infer<typeof bankAccountSchema>

/** `meta` is documented for every paginated list; without it the list is one page. */
export const bankAccountListSchema = z.object({ bank_accounts: z.array(bankAccountSchema), meta: paginationMetaSchema.nullish() })

export const webhookSubscriptionSchema = z.object({
  id: identifier(),
  callback_url: safeText().max(512),
  types: z.array(safeText().max(100)),
  description: safeText().nullish(),
  /** Returned when the subscription is created (and replaced); never assumed on lists. */
  secret: safeText().min(1).max(200).nullish(),
  created_at: safeText().nullish(),
  updated_at: safeText().nullish(),
})
export type QontoWebhookSubscriptionItem = z.infer<typeof webhookSubscriptionSchema>

/** Create, get and PUT answer the object itself; a wrapped answer is accepted too. */
export const webhookSubscriptionResponseSchema = z.preprocess((body) => {
  if (typeof body !== 'object' || body === null) return body
  const wrapped = (body as Record<string, unknown>).webhook_subscription ?? (body as Record<string, unknown>).subscription
  return wrapped ?? body
}, webhookSubscriptionSchema)

export const webhookSubscriptionListSchema = z.object({ subscriptions: z.array(webhookSubscriptionSchema), meta: paginationMetaSchema.nullish() })

export interface WebhookSubscriptionBody {
  callback_url: string
  types: string[]
  secret?: string
  description?: string
}

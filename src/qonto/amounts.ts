/** Qonto amounts: euros as sent → integer cents, within bounds (pure; the schemas and the hand checks share them). */

/** |amount| < 10^12 cents (10 billion euros): far above any payment, far below float precision. */
export const MAX_ABS_CENTS = 10 ** 12

const EUROS = /^(\d+)(?:\.(\d{1,2}))?$/

/**
 * An amount in major units as Qonto sends it (number like 1440.5, or a decimal string) → integer
 * cents, or null when it is not finite, negative, has more than 2 decimals or is out of bounds.
 * Goes through the shortest decimal text of the number, never through float arithmetic.
 */
export function eurosToCents(amount: number | string): number | null {
  if (typeof amount === 'number' && !Number.isFinite(amount)) return null
  const match = EUROS.exec(typeof amount === 'number' ? String(amount) : amount)
  if (!match) return null
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(cents) && cents < MAX_ABS_CENTS ? cents : null
}

/** When both `amount` and `amount_cents` are sent, they must say the same thing. */
export function amountsAgree(data: { amount?: number | string | null; amount_cents?: number | null }): boolean {
  if (data.amount === undefined || data.amount === null || data.amount_cents === undefined || data.amount_cents === null) return true
  return eurosToCents(data.amount) === data.amount_cents
}

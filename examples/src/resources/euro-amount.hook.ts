import { ValidationError, type ActionRequest } from 'adminjs'

/** "1 250,50", "1250.5", "1 250,50 €" → "1250.50"; null when it is not an amount in euros and cents. */
export function parseEuroAmount(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.')
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(compact)
  if (!match) return null
  return `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`
}

/**
 * The form's currency field sends what Maud typed, French decimal comma included ("1250,50"), which
 * the database cannot read: the amount fields are read here, and a wrong one is refused in French.
 */
export function normalizeEuroAmounts(...fields: string[]) {
  return async (request: ActionRequest): Promise<ActionRequest> => {
    if (request.method !== 'post' || !request.payload) return request
    const payload = { ...request.payload }
    for (const field of fields) {
      const value = payload[field]
      if (typeof value !== 'string' || value === '') continue
      const amount = parseEuroAmount(value)
      if (amount === null) throw new ValidationError({ [field]: { message: `Montant invalide : « ${value} » (par exemple 1250,50)` } })
      payload[field] = amount
    }
    return { ...request, payload }
  }
}

import { electronicFormatIBAN, isValidIBAN } from 'ibantools'

/** "fr76 3000 6000 …" → "FR763000600…"; null when empty. Validation is separate: payer IBANs are kept as given. */
export function normalizeIban(value: string | null | undefined): string | null {
  if (!value) return null
  const compact = electronicFormatIBAN(value) ?? value.replace(/[\s-]/g, '').toUpperCase()
  return compact.length > 0 ? compact : null
}

export function isValidIban(value: string): boolean {
  const normalized = normalizeIban(value)
  return normalized !== null && isValidIBAN(normalized)
}

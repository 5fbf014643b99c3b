/**
 * Real ISO-8601 instants only: "2026-03-02T09:14:27Z", "2026-03-02T10:14:27.512+01:00". Refuses
 * what PostgreSQL would accept but is not a date we can use ("infinity", "epoch", "now"), dates
 * that do not exist ("2026-02-30"), dates without a time or an offset, and years outside
 * 1970–2200. Pure.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/

export const MIN_INSTANT_MS = Date.UTC(1970, 0, 1)
export const MAX_INSTANT_MS = Date.UTC(2201, 0, 1) - 1

/** The instant in milliseconds since the epoch, or null when the text is not a real instant in range. */
export function parseIsoInstant(text: string): number | null {
  const match = INSTANT.exec(text)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const [, , , , , , , fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match
  if (year < 1969 || year > 2201) return null // also keeps Date.UTC away from its 0–99 → 1900s mapping
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null
  if (Number(offsetHours) > 14 || Number(offsetMinutes) > 59) return null
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)))
  if (new Date(local).getUTCDate() !== day) return null // 2026-02-30 rolls over to March
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000
  const instant = local - (sign ? offset : 0)
  if (instant < MIN_INSTANT_MS || instant > MAX_INSTANT_MS) return null
  // What every later reader (Date.parse, PostgreSQL timestamptz) will make of it must agree.
  if (Math.abs(Date.parse(text) - instant) >= 1) return null
  return instant
}

export function isIsoInstant(text: string): boolean {
  return parseIsoInstant(text) !== null
}

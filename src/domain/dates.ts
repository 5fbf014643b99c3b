/**
 * One rule for "which day": the business day of an instant in the company's time zone
 * (Europe/Paris unless configured). The matcher, the exports and the export period all use it, so a
 * payment received at 00:30 in Paris is on that Paris day everywhere, whatever UTC says.
 *
 * Formatters are built once per time zone; the zone's offset is cached per UTC day, and on the
 * days it changes the result is cached per quarter of an hour (every real time zone changes offset
 * on a quarter-hour boundary), so 100,000 calls cost a few milliseconds.
 */
import type { Language } from './language.js'

export const DEFAULT_TIME_ZONE = 'Europe/Paris'

/** "YYYY-MM-DD" */
export type IsoDay = string

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
const QUARTER_HOUR_MS = 15 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const MAX_CACHED_PER_ZONE = 50_000

interface Zone {
  parts: Intl.DateTimeFormat
  /** Day per quarter of an hour, on the days the offset changes. */
  days: Map<number, IsoDay>
  /** Offset per UTC day (index: days since 1970), null on the days it changes. */
  steady: Map<number, number | null>
}
const zones = new Map<string, Zone>()

function zone(timeZone: string): Zone {
  let found = zones.get(timeZone)
  if (!found) {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    })
    zones.set(timeZone, (found = { parts, days: new Map(), steady: new Map() }))
  }
  return found
}

/** Throws a RangeError for an unknown time zone (use it to validate configuration). */
export function assertTimeZone(timeZone: string): void {
  zone(timeZone)
}

function toMillis(instant: Date | string | number): number {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant)
  if (Number.isNaN(ms)) throw new RangeError(`Date invalide : ${String(instant)}`)
  return ms
}

/** Local wall-clock fields of an instant in a zone. */
function wallClock(ms: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const fields: Record<string, number> = {}
  for (const part of zone(timeZone).parts.formatToParts(ms)) if (part.type !== 'literal') fields[part.type] = Number(part.value)
  return { y: fields.year!, mo: fields.month!, d: fields.day!, h: fields.hour!, mi: fields.minute!, s: fields.second! }
}

/**
 * The calendar day of an instant in a time zone: "2026-03-28T23:30:00Z" → "2026-03-29" in Paris.
 * A date-only string ("2026-03-29") is already a day and is returned as is.
 */
export function businessDay(instant: Date | string | number, timeZone: string = DEFAULT_TIME_ZONE): IsoDay {
  if (typeof instant === 'string' && instant.length === 10 && ISO_DAY.test(instant)) return instant
  const ms = toMillis(instant)
  const offset = steadyOffset(ms, timeZone)
  if (offset !== null) return new Date(ms + offset).toISOString().slice(0, 10)
  const bucket = Math.floor(ms / QUARTER_HOUR_MS)
  const cache = zone(timeZone).days
  let day = cache.get(bucket)
  if (day === undefined) {
    const { y, mo, d } = wallClock(ms, timeZone)
    day = `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}`
    if (cache.size >= MAX_CACHED_PER_ZONE) cache.clear()
    cache.set(bucket, day)
  }
  return day
}

/**
 * The zone's offset during the UTC day of an instant when it is the same at both ends of that day
 * (no switch that day: 363 days a year in Paris), else null. Two formatter calls per UTC day at most.
 */
function steadyOffset(ms: number, timeZone: string): number | null {
  const utcDay = Math.floor(ms / DAY_MS)
  const cache = zone(timeZone).steady
  let offset = cache.get(utcDay)
  if (offset === undefined) {
    const first = zoneOffsetMs(utcDay * DAY_MS, timeZone)
    const last = zoneOffsetMs((utcDay + 1) * DAY_MS - 1000, timeZone)
    offset = first === last ? first : null
    if (cache.size >= MAX_CACHED_PER_ZONE) cache.clear()
    cache.set(utcDay, offset)
  }
  return offset
}

/** Offset of the zone from UTC at an instant, in milliseconds (+1 h or +2 h in Paris). */
export function zoneOffsetMs(instant: Date | number, timeZone: string = DEFAULT_TIME_ZONE): number {
  const ms = toMillis(instant)
  const { y, mo, d, h, mi, s } = wallClock(ms, timeZone)
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000
}

/** The first instant of a day in a zone (its local midnight, or the first existing instant after it). */
export function startOfDay(day: IsoDay, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const utcMidnight = Date.parse(`${assertDay(day)}T00:00:00Z`)
  // Two passes: the offset at the guessed instant may differ from the offset at local midnight.
  let guess = utcMidnight - zoneOffsetMs(utcMidnight, timeZone)
  guess = utcMidnight - zoneOffsetMs(guess, timeZone)
  // Zones that skip midnight (a DST switch at 00:00): step forward to the first instant of the day.
  while (businessDay(guess, timeZone) < day) guess += QUARTER_HOUR_MS
  while (businessDay(guess - QUARTER_HOUR_MS, timeZone) === day) guess -= QUARTER_HOUR_MS
  return new Date(guess)
}

/**
 * The instants of the days fromDay..toDay (both included) in a zone, as [start, endExclusive):
 * what an export period or a "payments of that day" filter selects. DST-correct (23- or 25-hour days).
 */
export function dayRangeToInstants(fromDay: IsoDay, toDay: IsoDay, timeZone: string = DEFAULT_TIME_ZONE): [Date, Date] {
  return [startOfDay(fromDay, timeZone), startOfDay(addDays(toDay, 1), timeZone)]
}

/** "2026-03-31" + 1 → "2026-04-01" (calendar arithmetic, no time zone involved). */
export function addDays(day: IsoDay, days: number): IsoDay {
  return new Date(Date.parse(`${assertDay(day)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** "2026-04-01" → "01/04/2026" (how the French screens and the CSV show a day). */
export function frenchDay(day: IsoDay): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`
}

/** Month abbreviations of English days ("3 Nov 2026"). */
export const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2026-04-01" → "1 Apr 2026" (a day no reader can take for another, whatever their country). */
export function englishDay(day: IsoDay): string {
  return `${Number(day.slice(8, 10))} ${ENGLISH_MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`
}

/** A day in one of the shipped languages: French "03/12/2026", English "3 Dec 2026". */
export function dayIn(language: Language, day: IsoDay): string {
  return language === 'en' ? englishDay(day) : frenchDay(day)
}

/** The hour of an instant in a zone, the same in both languages: "10:42" (24-hour clock). */
export function timeIn(instant: Date | string | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const { h, mi } = wallClock(toMillis(instant), timeZone)
  return `${pad2(h)}:${pad2(mi)}`
}

/**
 * An instant in one of the shipped languages, on a zone's clock (Europe/Paris unless given): French
 * "24/11/2026 10:42" ("24/11/2026 à 10:42" inside a sentence), English "24 Nov 2026, 10:42". The one
 * writer of date-times: the panel, the feed health and the server's notices all use it.
 */
export function dateTimeIn(
  language: Language,
  instant: Date | string | number,
  timeZone: string = DEFAULT_TIME_ZONE,
  { inSentence = false }: { inSentence?: boolean } = {},
): string {
  const join = language === 'en' ? ', ' : inSentence ? ' à ' : ' '
  return `${dayIn(language, businessDay(toMillis(instant), timeZone))}${join}${timeIn(instant, timeZone)}`
}

/** "2026-04-01" → "20260401" (FEC). */
export function compactDay(day: IsoDay): string {
  return `${day.slice(0, 4)}${day.slice(5, 7)}${day.slice(8, 10)}`
}

export function isIsoDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false
  const ms = Date.parse(`${text}T00:00:00Z`)
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text)
}

function assertDay(day: IsoDay): IsoDay {
  if (!isIsoDay(day)) throw new RangeError(`Jour invalide : ${day} (attendu AAAA-MM-JJ)`)
  return day
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** The business day of an instant in a time zone (Europe/Paris by default): one rule everywhere. */
const formatters = new Map<string, Intl.DateTimeFormat>()

export function businessDay(instant: Date | string, timeZone = 'Europe/Paris'): string {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, format)
  }
  return format.format(typeof instant === 'string' ? new Date(instant) : instant)
}

/** The instant a business day starts in a time zone (DST-correct). */
export function startOfBusinessDay(day: string, timeZone = 'Europe/Paris'): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`)
  let guess = utcMidnight
  for (let i = 0; i < 3; i += 1) guess = utcMidnight - offsetMs(new Date(guess), timeZone)
  return new Date(guess)
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

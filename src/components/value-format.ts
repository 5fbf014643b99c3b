/**
 * How the extension's record pages and lists write a stored date (FrenchValue): 24/11/2026 or
 * 2026-11-24, with the time for date-times. A date-time is written on Paris time in either language,
 * like the queue, the dashboard and the exports (the business day is Europe/Paris everywhere): a
 * payment at 23:30 UTC on 2 November is the 3rd at 00:30 wherever the browser is.
 */
import type { PanelLanguage } from './panel-language.js'

const pad = (n: number) => String(n).padStart(2, '0')
const PARIS_PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

export function formatDateValue(date: Date, withTime: boolean, language: PanelLanguage): string {
  if (language === 'fr') {
    return withTime
      ? date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' })
      : date.toLocaleDateString('fr-FR', { timeZone: 'UTC' })
  }
  // AdminJS's own shape on a non-French host, on Paris time.
  if (!withTime) return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
  const part = Object.fromEntries(PARIS_PARTS.formatToParts(date).map((p) => [p.type, p.value]))
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`
}

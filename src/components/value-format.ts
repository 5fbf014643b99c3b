/**
 * How the extension's record pages and lists write a stored date (FrenchValue), as every other screen
 * of the extension does (panel-format.ts): 24/11/2026 or 24 Nov 2026, with the Paris time for
 * date-times. A payment at 23:30 UTC on 2 November is the 3rd at 00:30 wherever the browser is.
 */
import { dateTime, day } from './panel-format.js'
import type { PanelLanguage } from './panel-language.js'

export function formatDateValue(date: Date, withTime: boolean, language: PanelLanguage): string {
  // A calendar date is stored at midnight UTC: its day is the UTC one.
  return withTime ? dateTime(date, language) : day(date.toISOString().slice(0, 10), language)
}

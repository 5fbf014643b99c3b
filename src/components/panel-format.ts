/**
 * How the extension's screens write an amount, a day and a date-time, in the panel's language: one
 * format of each across every screen. French: « 1 234,56 € », « 03/11/2026 », « 03/11/2026 00:30 ».
 * English: "€1,234.56", "3 Nov 2026", "3 Nov 2026, 00:30". Days and times are Paris's (the business
 * day is Europe/Paris everywhere), whatever the browser's clock. Components never call formatEuros,
 * frenchDay or toLocale* themselves (test/extension/panel-formats.test.ts checks it).
 */
import { businessDay, dateTimeIn, dayIn, ENGLISH_MONTHS, isIsoDay, timeIn, type IsoDay } from '../domain/dates.js'
import { decimalIn } from '../domain/numbers.js'
import { centsToDecimalString, formatEurosIn, type Cents } from '../domain/money.js'
import { panelLanguage, type PanelLanguage } from './panel-language.js'

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/** An amount in cents: « 1 234,56 € » / "€1,234.56" (other currencies: « 1 234,56 USD » / "USD 1,234.56"). */
export const euros = (cents: Cents, currency = 'EUR', language: PanelLanguage = panelLanguage()): string => formatEurosIn(language, cents, currency)

/** A day ("2026-11-03") or the Paris day of an instant: « 03/11/2026 » / "3 Nov 2026". */
export function day(value: IsoDay | Date | string, language: PanelLanguage = panelLanguage()): string {
  const iso = typeof value === 'string' && ISO_DAY.test(value) ? value : businessDay(value)
  return dayIn(language, iso)
}

/** The Paris hour of an instant: « 00:30 » in both languages. */
export const time = (instant: Date | string): string => timeIn(instant)

/** An instant on Paris time: « 03/11/2026 00:30 » / "3 Nov 2026, 00:30". */
export const dateTime = (instant: Date | string, language: PanelLanguage = panelLanguage()): string => dateTimeIn(language, instant)

/** A fraction with two decimals: « 0,82 » / "0.82". */
export const decimal = (value: number, language: PanelLanguage = panelLanguage()): string => decimalIn(language, value)

/** A plain number: « 1 234 » / "1,234". */
export const count = (value: number, language: PanelLanguage = panelLanguage()): string => value.toLocaleString(language === 'en' ? 'en-GB' : 'fr-FR')

/** A decimal typed back into an amount field: « 1234,56 » / "1234.56" (parseAmount reads both). */
export function amountInput(cents: Cents, language: PanelLanguage = panelLanguage()): string {
  const text = centsToDecimalString(cents)
  return language === 'en' ? text : text.replace('.', ',')
}

/**
 * A day typed into a screen's field, in the form the screens show it in either language
 * ("3 Nov 2026", "03/11/2026") or ISO ("2026-11-03") → "2026-11-03"; "" → undefined; else null.
 */
export function parseDay(text: string): IsoDay | undefined | null {
  const value = text.trim()
  if (value === '') return undefined
  const slashes = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
  const words = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/.exec(value)
  const month = words ? ENGLISH_MONTHS.findIndex((m) => m.toLowerCase() === words[2]!.toLowerCase()) + 1 : 0
  const iso = slashes
    ? `${slashes[3]}-${slashes[2]!.padStart(2, '0')}-${slashes[1]!.padStart(2, '0')}`
    : words && month > 0
      ? `${words[3]}-${String(month).padStart(2, '0')}-${words[1]!.padStart(2, '0')}`
      : value
  return isIsoDay(iso) ? iso : null
}

/** Today's Paris day ("2026-12-04"). */
export const today = (): IsoDay => businessDay(new Date())

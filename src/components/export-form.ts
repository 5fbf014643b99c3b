/** The Exporter form's checks, in the words Maud reads (the server checks the same again). */
import enGB from 'date-fns/locale/en-GB/index.js'
import fr from 'date-fns/locale/fr/index.js'
import { panelTexts } from './i18n/texts.js'
import { panelLanguage, type PanelLanguage } from './panel-language.js'
export type ExportFormat = 'csv' | 'fec'

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

function isRealDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

const pad = (n: number) => String(n).padStart(2, '0')
const digit = { regex: '\\d', raw: undefined }

/**
 * The Exporter's date pickers write a day as every screen of the extension does (panel-format.ts):
 * « 24/11/2026 » (typed with a mask) or "24 Nov 2026" (typed as words: `textInput` tells the
 * component to give the picker a plain input, the design system's mask only knows digits), months
 * and calendar in that language whatever react-datepicker's global default. Only these pickers: the
 * host's own keep the host's settings.
 */
export function dayPickerProps(language: PanelLanguage = panelLanguage()) {
  const placeholderText = panelTexts(language).exportForm.dayPickerPlaceholder
  return language === 'en'
    ? { dateFormat: 'd MMM yyyy', placeholderText, locale: enGB, calendarStartDay: 1, textInput: true }
    : { dateFormat: 'dd/MM/yyyy', placeholderText, locale: fr, calendarStartDay: 1, inputMask: { mask: [digit, digit, '/', digit, digit, '/', digit, digit, digit, digit] }, textInput: false }
}

/** The date picker reads a local date-time: the day itself, at midnight where Maud is. */
export function toPickerValue(day: string): string {
  return ISO_DAY.test(day) ? `${day}T00:00:00` : ''
}

/** The date picker answers an ISO instant of local midnight (or '' when emptied): back to that local day. */
export function fromPickerValue(value: string | null | undefined): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function exportFormProblems({ format, from, to }: { format: string | null; from: string; to: string }): string[] {
  const problems: string[] = []
  const T = panelTexts().exportForm
  if (format !== 'csv' && format !== 'fec') problems.push(T.chooseFormat)
  if (!from) problems.push(T.fromMissing)
  else if (!isRealDay(from)) problems.push(T.fromInvalid)
  if (!to) problems.push(T.toMissing)
  else if (!isRealDay(to)) problems.push(T.toInvalid)
  if (problems.length === 0 && from > to) problems.push(T.fromAfterTo)
  return problems
}

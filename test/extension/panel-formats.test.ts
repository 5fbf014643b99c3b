/**
 * The scratch host's audit (English host): the extension's own screens showed French amounts
 * (« 1 234,56 € ») and three date formats (queue 03/11/2026, lists 2026-11-03 00:30, the Exporter's
 * pickers 2026/12/01). One amount, one day and one date-time format per language across its screens,
 * on Paris time; French unchanged. And the bank accounts screen said « reserved to administrators »
 * for any loading failure.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import format from 'date-fns/format/index.js'
import parse from 'date-fns/parse/index.js'
import { dayPickerProps } from '../../src/components/export-form.js'
import { amountInput, dateTime, day, euros, parseDay } from '../../src/components/panel-format.js'

const COMPONENTS = fileURLToPath(new URL('../../src/components/', import.meta.url))
const lateOnSecondNovember = new Date('2026-11-02T23:30:00Z')

describe("amounts, days and date-times on the extension's screens", () => {
  it('an amount reads €1,234.56 in English, 1 234,56 € in French', () => {
    expect(euros(123456, 'EUR', 'en')).toBe('€1,234.56')
    expect(euros(123456, 'EUR', 'fr')).toBe('1\u202f234,56\u00a0€')
    expect(euros(-5, 'EUR', 'en')).toBe('-€0.05')
  })

  it('a day reads 3 Nov 2026 in English, 03/11/2026 in French; an instant is on its Paris day and time', () => {
    expect(day('2026-11-03', 'en')).toBe('3 Nov 2026')
    expect(day('2026-11-03', 'fr')).toBe('03/11/2026')
    expect(day(lateOnSecondNovember, 'en')).toBe('3 Nov 2026')
    expect(day(lateOnSecondNovember.toISOString(), 'fr')).toBe('03/11/2026')
    expect(dateTime(lateOnSecondNovember, 'en')).toBe('3 Nov 2026, 00:30')
    expect(dateTime(lateOnSecondNovember.toISOString(), 'fr')).toBe('03/11/2026 00:30')
  })

  it('a typed day is read in the format the screen shows it, and an amount is typed back as parseAmount reads it', () => {
    expect(parseDay('3 Nov 2026')).toBe('2026-11-03')
    expect(parseDay('03 nov. 2026')).toBe(null)
    expect(parseDay('3/11/2026')).toBe('2026-11-03')
    expect(parseDay('2026-11-03')).toBe('2026-11-03')
    expect(parseDay('31 Feb 2026')).toBe(null)
    expect(parseDay('')).toBe(undefined)
    expect(amountInput(123456, 'en')).toBe('1234.56')
    expect(amountInput(123456, 'fr')).toBe('1234,56')
  })

  it("the Exporter's date pickers show and read the day as the other screens write it, in their own language (2026/12/01 before)", () => {
    const first = new Date(2026, 11, 1)
    for (const language of ['en', 'fr'] as const) {
      const picker = dayPickerProps(language)
      // react-datepicker formats and parses with date-fns, the picker's dateFormat and locale.
      expect(format(first, picker.dateFormat, { locale: picker.locale })).toBe(day('2026-12-01', language))
      expect(parse(day('2026-11-03', language), picker.dateFormat, first, { locale: picker.locale }).getDate()).toBe(3)
    }
    expect(dayPickerProps('en').textInput).toBe(true)
    expect(dayPickerProps('fr').inputMask?.mask).toHaveLength(10)
  })

  it('no screen formats an amount or a date on its own (French-only helpers, the browser locale)', () => {
    const files = readdirSync(COMPONENTS).filter((name) => /\.tsx?$/.test(name) && !['panel-format.ts', 'french-widgets.ts'].includes(name))
    const offenders = files.flatMap((name) =>
      readFileSync(join(COMPONENTS, name), 'utf8')
        .split('\n')
        .flatMap((line, index) => (/\bformatEuros\(|\bfrenchDay\(|\.toLocale\w*\(|'fr-FR'/.test(line) || (/<DatePicker\b/.test(line) && !line.includes('{...PICKER}')) ? [`${name}:${index + 1} ${line.trim()}`] : [])),
    )
    expect(offenders).toEqual([])
  })
})

describe('the bank accounts screen when it cannot load', () => {
  afterEach(() => {
    delete (globalThis as { REDUX_STATE?: unknown }).REDUX_STATE
  })

  it('says « administrators only » on a 403, and what really failed otherwise', async () => {
    vi.resetModules()
    ;(globalThis as { REDUX_STATE?: unknown }).REDUX_STATE = { locale: { language: 'en' } }
    const { loadFailureMessage } = await import('../../src/components/action-request.js')
    expect(loadFailureMessage({ response: { status: 403 } }, 'Administrators only.')).toBe('Administrators only.')
    expect(loadFailureMessage({ response: { status: 500 } }, 'Administrators only.')).toMatch(/error 500/)
    expect(loadFailureMessage({ message: 'Network Error' }, 'Administrators only.')).toMatch(/^The server cannot be reached/)
    expect(loadFailureMessage({ response: { status: 401 } }, 'Administrators only.')).toMatch(/session/i)
  })
})

describe('a payment named in the lists of matches and audit entries', () => {
  it('reads 24 Nov 2026 · €2,100.00 · payer on an English host, 24/11/2026 · 2 100,00 € on a French one', async () => {
    const { paymentTitle } = await import('../../src/reconcile/payment-links.service.js')
    const payment = { dateTransaction: new Date('2026-11-24T09:00:00Z'), montant: '2100.00', devise: 'EUR', emetteur: null }
    const ctx = (language: 'fr' | 'en') => ({ timeZone: 'Europe/Paris', panelLanguage: { current: language } }) as never
    expect(paymentTitle(ctx('en'), payment)).toBe('24 Nov 2026 · €2,100.00 · unknown sender')
    expect(paymentTitle(ctx('fr'), payment)).toBe('24/11/2026 · 2\u202f100,00\u00a0€ · émetteur inconnu')
  })
})

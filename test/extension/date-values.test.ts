/**
 * The extension's lists and record pages write a payment's date-time on Paris time in English too:
 * on the English scratch host a payment of 23:30 UTC on 2 November showed « 2026-11-02 23:30 » in the
 * transactions list and on its page (the browser's clock) while the queue and the dashboard said
 * 03/11/2026, the Paris business day.
 */
import { describe, expect, it } from 'vitest'
import { formatDateValue } from '../../src/components/value-format.js'

const lateOnSecondNovember = new Date('2026-11-02T23:30:00Z')
const summer = new Date('2026-07-14T22:15:00Z')

describe("a stored date as the extension's lists and record pages write it", () => {
  it('a date-time is on Paris time in English as in French, whatever the machine clock', () => {
    expect(formatDateValue(lateOnSecondNovember, true, 'en')).toBe('2026-11-03 00:30')
    expect(formatDateValue(lateOnSecondNovember, true, 'fr')).toBe('03/11/2026 00:30')
    // Summer time: UTC+2.
    expect(formatDateValue(summer, true, 'en')).toBe('2026-07-15 00:15')
  })

  it('a calendar date (stored at midnight UTC) keeps its day in both languages', () => {
    const day = new Date('2026-11-03T00:00:00Z')
    expect(formatDateValue(day, false, 'en')).toBe('2026-11-03')
    expect(formatDateValue(day, false, 'fr')).toBe('03/11/2026')
  })
})

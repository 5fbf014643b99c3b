import { describe, expect, it } from 'vitest'
import { addDays, businessDay, compactDay, dateTimeIn, dayRangeToInstants, DEFAULT_TIME_ZONE, frenchDay, startOfDay, timeIn } from '../../src/domain/dates.js'

describe('business day in Europe/Paris', () => {
  it.each([
    // winter (UTC+1)
    ['2026-01-15T21:30:00Z', '2026-01-15'],
    ['2026-01-15T22:59:59Z', '2026-01-15'],
    ['2026-01-15T23:00:00Z', '2026-01-16'],
    ['2026-01-15T23:30:00Z', '2026-01-16'],
    ['2026-01-16T00:59:00Z', '2026-01-16'],
    // summer (UTC+2)
    ['2026-06-30T21:30:00Z', '2026-06-30'],
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    ['2026-06-30T22:30:00Z', '2026-07-01'],
    ['2026-06-30T23:30:00Z', '2026-07-01'],
    ['2026-07-01T00:59:00Z', '2026-07-01'],
    // month and year ends
    ['2026-03-31T23:30:00Z', '2026-04-01'],
    ['2026-12-31T23:30:00Z', '2027-01-01'],
    // an offset in the string is honoured
    ['2026-11-20T00:30:00+01:00', '2026-11-20'],
  ])('%s is %s', (instant, day) => {
    expect(businessDay(instant)).toBe(day)
    expect(businessDay(new Date(instant))).toBe(day)
  })

  it('switches to summer time on 29 March 2026 (02:00 → 03:00 local at 01:00 UTC)', () => {
    expect(businessDay('2026-03-28T22:59:00Z')).toBe('2026-03-28')
    expect(businessDay('2026-03-28T23:00:00Z')).toBe('2026-03-29')
    expect(businessDay('2026-03-29T21:59:00Z')).toBe('2026-03-29')
    expect(businessDay('2026-03-29T22:00:00Z')).toBe('2026-03-30')
  })

  it('switches back to winter time on 25 October 2026 (03:00 → 02:00 local at 01:00 UTC)', () => {
    expect(businessDay('2026-10-24T21:59:00Z')).toBe('2026-10-24')
    expect(businessDay('2026-10-24T22:00:00Z')).toBe('2026-10-25')
    expect(businessDay('2026-10-25T22:59:00Z')).toBe('2026-10-25')
    expect(businessDay('2026-10-25T23:00:00Z')).toBe('2026-10-26')
  })

  it('returns a date-only string as it is, and honours another zone', () => {
    expect(businessDay('2026-03-29')).toBe('2026-03-29')
    expect(businessDay('2026-01-15T23:30:00Z', 'UTC')).toBe('2026-01-15')
    expect(businessDay('2026-01-15T03:00:00Z', 'America/New_York')).toBe('2026-01-14')
  })

  it('rejects an invalid instant', () => {
    expect(() => businessDay('not a date')).toThrow(RangeError)
  })
})

describe('day ranges as instants', () => {
  it('gives [start, end) in UTC for ordinary, 23-hour and 25-hour days', () => {
    expect(dayRangeToInstants('2026-01-15', '2026-01-15').map((d) => d.toISOString())).toEqual(['2026-01-14T23:00:00.000Z', '2026-01-15T23:00:00.000Z'])
    const spring = dayRangeToInstants('2026-03-29', '2026-03-29')
    expect(spring.map((d) => d.toISOString())).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'])
    expect(spring[1].getTime() - spring[0].getTime()).toBe(23 * 3600_000)
    const autumn = dayRangeToInstants('2026-10-25', '2026-10-25')
    expect(autumn.map((d) => d.toISOString())).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'])
    expect(autumn[1].getTime() - autumn[0].getTime()).toBe(25 * 3600_000)
  })

  it('covers a month: March 2026 in Paris', () => {
    const [from, to] = dayRangeToInstants('2026-03-01', '2026-03-31')
    expect(from.toISOString()).toBe('2026-02-28T23:00:00.000Z')
    expect(to.toISOString()).toBe('2026-03-31T22:00:00.000Z')
    // 23:30 UTC on 31 March is 1 April in Paris: outside March, like its CSV day says.
    const late = new Date('2026-03-31T23:30:00Z')
    expect(late >= from && late < to).toBe(false)
    expect(businessDay(late)).toBe('2026-04-01')
  })

  it('agrees with businessDay at every boundary', () => {
    for (const day of ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']) {
      const start = startOfDay(day).getTime()
      expect(businessDay(start)).toBe(day)
      expect(businessDay(start - 1)).toBe(addDays(day, -1))
    }
  })

  it('rejects an invalid day', () => {
    expect(() => dayRangeToInstants('2026-02-30', '2026-03-01')).toThrow(RangeError)
  })
})

describe('day formats', () => {
  it('formats for French screens and the FEC', () => {
    expect(frenchDay('2026-04-01')).toBe('01/04/2026')
    expect(compactDay('2026-04-01')).toBe('20260401')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
  })
})

describe('date-times in a language (one writer for the panel, the feed health and the server notices)', () => {
  // 09:42 UTC in November is 10:42 in Paris; 23:30 UTC on 2 November is 00:30 on 3 November there.
  const morning = new Date('2026-11-24T09:42:00Z')
  const lateNight = new Date('2026-11-02T23:30:00Z')

  it('English reads "24 Nov 2026, 10:42", French "24/11/2026 10:42", on the business time zone', () => {
    expect(dateTimeIn('en', morning)).toBe('24 Nov 2026, 10:42')
    expect(dateTimeIn('fr', morning)).toBe('24/11/2026 10:42')
    expect(dateTimeIn('en', lateNight)).toBe('3 Nov 2026, 00:30')
    expect(dateTimeIn('fr', lateNight.toISOString())).toBe('03/11/2026 00:30')
    expect(dateTimeIn('en', morning, 'America/New_York')).toBe('24 Nov 2026, 04:42')
    expect(timeIn(lateNight)).toBe('00:30')
  })

  it('inside a French sentence the time follows "à"; English keeps its one format', () => {
    expect(dateTimeIn('fr', morning, DEFAULT_TIME_ZONE, { inSentence: true })).toBe('24/11/2026 à 10:42')
    expect(dateTimeIn('en', morning, DEFAULT_TIME_ZONE, { inSentence: true })).toBe('24 Nov 2026, 10:42')
    // The server's notices (e-mail sent, waiting) write theirs through the same writer ("24/11/2026 at 10:42" before).
    expect(dateTimeIn('en', morning, DEFAULT_TIME_ZONE, { inSentence: true })).toBe('24 Nov 2026, 10:42')
    expect(dateTimeIn('fr', morning, DEFAULT_TIME_ZONE, { inSentence: true })).toBe('24/11/2026 à 10:42')
  })
})

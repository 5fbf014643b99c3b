/**
 * The former names of the date-time writers, kept for their callers: both are dates.ts's
 * `timeIn` / `dateTimeIn` (one implementation; English "24 Nov 2026, 10:42", no longer "24/11/2026 at 10:42").
 */
import { dateTimeIn, timeIn } from './dates.js'
import type { Language } from './language.js'

/** "10:52" on a zone's clock. */
export const frenchTime = (instant: Date, timeZone: string): string => timeIn(instant, timeZone)

/** Inside a sentence: "24/11/2026 à 10:42", or "24 Nov 2026, 10:42" for an English reader. */
export const frenchDateTime = (instant: Date, timeZone: string, language: Language = 'fr'): string =>
  dateTimeIn(language, instant, timeZone, { inSentence: true })


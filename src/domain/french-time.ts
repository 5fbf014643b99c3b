/** Instants as a French reader says them, in the configured time zone: "24/11/2026 à 10:42", "10:52". */
export function frenchTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant)
}

/** "24/11/2026 à 10:42", or "24/11/2026 at 10:42" for an English reader (the same day-first date). */
export function frenchDateTime(instant: Date, timeZone: string, language: 'fr' | 'en' = 'fr'): string {
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(instant)
  return `${day} ${language === 'en' ? 'at' : 'à'} ${frenchTime(instant, timeZone)}`
}

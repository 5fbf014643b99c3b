/** Instants as a French reader says them, in the configured time zone: "24/11/2026 à 10:42", "10:52". */
export function frenchTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant)
}

export function frenchDateTime(instant: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(instant)
  return `${day} à ${frenchTime(instant, timeZone)}`
}

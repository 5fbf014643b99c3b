/** Browser-side twin of domain/money formatEuros (components cannot import server modules). */
export function formatEuros(cents: number): string {
  const abs = Math.abs(cents)
  const units = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')
  return `${cents < 0 ? '-' : ''}${units},${String(abs % 100).padStart(2, '0')}\u00a0€`
}

/** The Exporter form's checks, in the words Maud reads (the server checks the same again). */
export type ExportFormat = 'csv' | 'fec'

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

function isRealDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

export function exportFormProblems({ format, from, to }: { format: string | null; from: string; to: string }): string[] {
  const problems: string[] = []
  if (format !== 'csv' && format !== 'fec') problems.push('Choisissez un format : CSV ou FEC.')
  if (!from) problems.push('Indiquez la date de début.')
  else if (!isRealDay(from)) problems.push('La date de début n’est pas une date valide (jj/mm/aaaa).')
  if (!to) problems.push('Indiquez la date de fin.')
  else if (!isRealDay(to)) problems.push('La date de fin n’est pas une date valide (jj/mm/aaaa).')
  if (problems.length === 0 && from > to) problems.push('La date de début doit précéder la date de fin.')
  return problems
}

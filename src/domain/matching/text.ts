/** Text normalisation shared by reference extraction and payer-name comparison. */

/** Lower case, accents removed, "&" read as "et", everything but letters and digits turned into spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' et ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

const LEGAL_FORMS = new Set([
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sci', 'snc', 'scp', 'scop', 'selarl', 'gie', 'ei', 'eirl',
  'ltd', 'limited', 'gmbh', 'inc', 'llc', 'bv', 'srl', 'spa', 'societe', 'ste', 'ets', 'etablissements',
])
const COURTESY = new Set(['m', 'mr', 'mme', 'mlle', 'monsieur', 'madame', 'dr'])

/** A company or person name reduced to its meaningful words, sorted (word order does not matter). */
export function nameKey(name: string): string {
  return normalizeText(name)
    .split(' ')
    .filter((word) => word.length > 0 && !LEGAL_FORMS.has(word) && !COURTESY.has(word))
    .sort()
    .join(' ')
}

/** Words worth indexing a name by (short connectors like "et", "de" are skipped). */
export function nameTokens(key: string): string[] {
  return key.split(' ').filter((word) => word.length >= 3)
}

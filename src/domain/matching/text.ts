/** Text keys of the matcher, built on the product's one folding (src/domain/text/fold.ts). */
import { foldWords, nameWords } from '../text/fold.js'

/** Lower case, accents and ligatures folded, "&" read as "et", everything but letters and digits turned into spaces. */
export const normalizeText = foldWords

/** A company or person name reduced to its meaningful words, sorted (word order does not matter). */
export function nameKey(name: string): string {
  return nameWords(name).sort().join(' ')
}

/** The payer's name key stored with each transaction (null without a meaningful name): the matcher's own key. */
export const payerKey = (name: string | null | undefined): string | null => (name ? nameKey(name) || null : null)

/** Words worth indexing a name by (short connectors like "et", "de" are skipped). */
export function nameTokens(key: string): string[] {
  return key.split(' ').filter((word) => word.length >= 3)
}

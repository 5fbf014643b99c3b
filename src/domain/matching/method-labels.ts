/** The word Maud reads for each method (no runtime import: the panel's components use it too). */
import type { MatchMethod } from './types.js'

export const MATCH_METHOD_LABELS: Record<MatchMethod, string> = {
  REFERENCE: 'référence',
  RF: 'RF',
  IBAN: 'IBAN',
  HISTORY: 'historique',
  RULE: 'règle',
  AMOUNT: 'montant',
}

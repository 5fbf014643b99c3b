/**
 * How sure a suggestion is, in three tiers Maud can read at a glance. Only "sûr" (the auto-apply
 * rule of auto-apply.ts holds) is accepted in one click; below it the reasons are shown and
 * confirmed in one step. The score threshold separates "probable" (a reference, or the payer plus
 * the amount) from "à vérifier" (amount only, partial numbers, weak names).
 */
export type ConfidenceTier = 'SUR' | 'PROBABLE' | 'A_VERIFIER'

/** A score from this one up is "probable": e.g. a client by name (0.20) + the exact amount (0.30). */
export const PROBABLE_FROM_SCORE = 0.5

export function confidenceTier(suggestion: { score: number; autoApply: boolean }): ConfidenceTier {
  if (suggestion.autoApply) return 'SUR'
  return suggestion.score >= PROBABLE_FROM_SCORE ? 'PROBABLE' : 'A_VERIFIER'
}

export const CONFIDENCE_LABELS: Record<ConfidenceTier, string> = {
  SUR: 'sûr',
  PROBABLE: 'probable',
  A_VERIFIER: 'à vérifier',
}

/** Whether a suggestion may be applied without a confirmation step (panel and server alike). */
export function acceptsOneClick(suggestion: { score: number; autoApply: boolean }): boolean {
  return confidenceTier(suggestion) === 'SUR'
}

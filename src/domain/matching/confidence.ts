/**
 * How sure a suggestion is, in three tiers Maud can read at a glance. Only "sûr" (the auto-apply
 * rule of auto-apply.ts holds) is accepted in one click; below it the reasons are shown and
 * confirmed in one step. The score threshold separates "probable" (a reference, or the payer plus
 * the amount) from "à vérifier" (amount only, partial numbers, weak names).
 *
 * One scale: the percentage shown is the score placed inside its tier's band (sûr 90–100 %,
 * probable 50–89 %, à vérifier 0–49 %), so a number never contradicts its word ("sûr · 55 %"
 * beside "probable · 99 %" cannot happen) and still orders suggestions within a tier.
 */
import { both, type Both } from '../../i18n/both.js'

export type ConfidenceTier = 'SUR' | 'PROBABLE' | 'A_VERIFIER'

/** A score from this one up is "probable": e.g. a client by name (0.20) + the exact amount (0.30). */
export const PROBABLE_FROM_SCORE = 0.5

interface Rated {
  score: number
  autoApply: boolean
}

export function confidenceTier(suggestion: Rated): ConfidenceTier {
  if (suggestion.autoApply) return 'SUR'
  return suggestion.score >= PROBABLE_FROM_SCORE ? 'PROBABLE' : 'A_VERIFIER'
}

/** A tier in one word, in French and English. */
export const TIER_TEXTS: Record<ConfidenceTier, Both<string>> = {
  SUR: both('sûr', 'sure'),
  PROBABLE: both('probable', 'likely'),
  A_VERIFIER: both('à vérifier', 'to check'),
}

/** The tiers' French words. */
export const CONFIDENCE_LABELS: Record<ConfidenceTier, string> = { SUR: TIER_TEXTS.SUR.fr, PROBABLE: TIER_TEXTS.PROBABLE.fr, A_VERIFIER: TIER_TEXTS.A_VERIFIER.fr }

/** Each tier's band of shown percentages [lowest, highest]: disjoint and ordered like the tiers. */
export const CONFIDENCE_BANDS: Record<ConfidenceTier, readonly [number, number]> = {
  SUR: [90, 100],
  PROBABLE: [50, 89],
  A_VERIFIER: [0, 49],
}
/** The scores each tier can have (scores are clamped to 0.01–0.99 by the matcher). */
const SCORE_RANGES: Record<ConfidenceTier, readonly [number, number]> = {
  SUR: [0, 1],
  PROBABLE: [PROBABLE_FROM_SCORE, 1],
  A_VERIFIER: [0, PROBABLE_FROM_SCORE],
}

/** The percentage shown beside the tier's word: the score mapped linearly into the tier's band. */
export function confidencePercent(suggestion: Rated): number {
  const tier = confidenceTier(suggestion)
  const [low, high] = CONFIDENCE_BANDS[tier]
  const [from, to] = SCORE_RANGES[tier]
  const share = Math.min(1, Math.max(0, (suggestion.score - from) / (to - from)))
  return Math.min(high, low + Math.floor(share * (high - low + 1)))
}

/** "probable · 86 %": the word and the number as every screen shows them. */
export function confidenceText(suggestion: Rated): string {
  return `${CONFIDENCE_LABELS[confidenceTier(suggestion)]} · ${confidencePercent(suggestion)} %`
}

/** Whether a suggestion may be applied without a confirmation step (panel and server alike). */
export function acceptsOneClick(suggestion: Rated): boolean {
  return confidenceTier(suggestion) === 'SUR'
}

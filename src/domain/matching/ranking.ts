/** Best first: score, then the oldest invoice (debtors pay the oldest first), then fewer invoices. */
import type { Scored } from './context.js'

export function rank(scored: Scored[]): Scored[] {
  return scored.sort(
    (a, b) =>
      b.suggestion.score - a.suggestion.score ||
      a.age - b.age ||
      a.suggestion.allocations.length - b.suggestion.allocations.length,
  )
}

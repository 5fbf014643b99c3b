/**
 * One transfer for several invoices: find sets of open invoices whose open amounts add up exactly
 * to the payment. Bounded: only the oldest N invoices of one client, and a cap on explored nodes,
 * so a client with hundreds of invoices cannot stall a batch.
 */
import type { Cents } from '../money.js'
import { openCents, type Invoice } from './types.js'

const MAX_NODES = 20_000
const MAX_RESULTS = 3

/** Exact subsets of 2 or more invoices, fewest invoices first, oldest invoices preferred. */
export function exactCombinations(invoices: Invoice[], targetCents: Cents, maxInvoices: number): Invoice[][] {
  const pool = invoices.slice(0, maxInvoices).filter((invoice) => openCents(invoice) <= targetCents)
  const amounts = pool.map(openCents)
  // suffix sums let a branch stop as soon as the remaining invoices cannot reach the target.
  const suffix = new Array<number>(pool.length + 1).fill(0)
  for (let i = pool.length - 1; i >= 0; i -= 1) suffix[i] = suffix[i + 1]! + amounts[i]!
  const results: Invoice[][] = []
  const chosen: number[] = []
  let nodes = 0

  const explore = (start: number, remaining: number): void => {
    if (results.length >= MAX_RESULTS * 4 || nodes >= MAX_NODES) return
    for (let i = start; i < pool.length; i += 1) {
      nodes += 1
      const amount = amounts[i]!
      if (suffix[i]! < remaining) return
      if (amount > remaining) continue
      chosen.push(i)
      if (amount === remaining) {
        if (chosen.length >= 2) results.push(chosen.map((j) => pool[j]!))
      } else {
        explore(i + 1, remaining - amount)
      }
      chosen.pop()
    }
  }
  explore(0, targetCents)
  return results.sort((a, b) => a.length - b.length).slice(0, MAX_RESULTS)
}

/**
 * Whether some of these amounts (two or more, each below the target) add up exactly to the target.
 * Exhaustive up to MAX_NODES explored nodes (2^14 subsets of the default pool fit under it); past
 * the cap it answers true: a combination that could not be ruled out counts as one.
 */
export function hasExactCombination(amounts: Cents[], targetCents: Cents): boolean {
  const sorted = amounts.filter((amount) => amount > 0 && amount < targetCents).sort((a, b) => b - a)
  const suffix = new Array<number>(sorted.length + 1).fill(0)
  for (let i = sorted.length - 1; i >= 0; i -= 1) suffix[i] = suffix[i + 1]! + sorted[i]!
  let nodes = 0
  const reach = (start: number, remaining: number): boolean => {
    for (let i = start; i < sorted.length; i += 1) {
      if ((nodes += 1) > MAX_NODES) return true
      if (suffix[i]! < remaining) return false
      const amount = sorted[i]!
      if (amount > remaining) continue
      if (amount === remaining || reach(i + 1, remaining - amount)) return true
    }
    return false
  }
  return reach(0, targetCents)
}

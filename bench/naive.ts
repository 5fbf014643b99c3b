/**
 * The design note's matching exactly as it is written (shared/seed/integration-qonto.md,
 * `getSuggestions`): for every unreconciled transaction, `facturesNonPayees.filter(...)` over every
 * unpaid invoice, `Math.abs(Number(facture.montantTTC) - transaction.montant) < 1`, on the rows the
 * page receives as JSON (Prisma's Decimal arrives as a string, amounts are euros). This is the
 * "naive loop" every speed figure is compared with; bench/evaluate.ts's designNoteRule is the same
 * rule shaped as a Matcher, for the quality figures.
 */
import type { Client, Invoice, Payment } from '../src/domain/matching/index.js'

interface FactureNonPayee {
  id: string
  reference: string
  montantTTC: string
  marque: { nom: string }
  dateEmission: string
  dateEcheance: string | null
}
interface TransactionQonto {
  id: string
  montant: number
  libelle: string | null
  reference: string | null
  emetteur: string | null
}

export interface SeedPage {
  facturesNonPayees: FactureNonPayee[]
  transactions: TransactionQonto[]
}

/** What the page holds after `fetchData()`: the rows as JSON gives them. */
export function seedPage(clients: Client[], invoices: Invoice[], payments: Payment[]): SeedPage {
  const names = new Map(clients.map((c) => [c.id, c.name]))
  return JSON.parse(
    JSON.stringify({
      facturesNonPayees: invoices.map((i) => ({
        id: i.id,
        reference: i.number,
        montantTTC: ((i.totalCents - (i.paidCents ?? 0)) / 100).toFixed(2),
        marque: { nom: names.get(i.clientId ?? '') ?? '' },
        dateEmission: i.issueDate,
        dateEcheance: i.dueDate ?? null,
      })),
      transactions: payments.map((p) => ({ id: p.id, montant: p.amountCents / 100, libelle: p.label ?? null, reference: p.reference ?? null, emetteur: p.counterpartyName ?? null })),
    }),
  ) as SeedPage
}

/** Renders every transaction's suggestions as the page does; returns how many were listed. */
export function seedSuggestions({ facturesNonPayees, transactions }: SeedPage): number {
  const getSuggestions = (transaction: TransactionQonto) =>
    facturesNonPayees.filter((facture) => Math.abs(Number(facture.montantTTC) - transaction.montant) < 1)
  let listed = 0
  for (const transaction of transactions) listed += getSuggestions(transaction).length
  return listed
}

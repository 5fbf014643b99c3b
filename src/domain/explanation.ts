/**
 * Payments explained without an invoice ("Ignorer (hors facture)"), rules per payer or IBAN, and
 * the French words the exports (FEC, CSV) use for them and for allocations: the accountant's files
 * stay French whatever the panel speaks (the panel's words in both languages: src/i18n/reconcile-texts.ts).
 */
import { ruleExplanationIn } from '../i18n/reconcile-texts.js'

export const IGNORE_CATEGORIES = ['REMBOURSEMENT', 'VIREMENT_INTERNE', 'APPORT', 'SUBVENTION', 'FRAIS_COMMISSION', 'AUTRE'] as const
export type IgnoreCategory = (typeof IGNORE_CATEGORIES)[number]

export const CATEGORY_LABELS: Record<IgnoreCategory, string> = {
  REMBOURSEMENT: 'Remboursement',
  VIREMENT_INTERNE: 'Virement interne',
  APPORT: 'Apport (associé, capital)',
  SUBVENTION: 'Subvention',
  FRAIS_COMMISSION: 'Frais / commission',
  AUTRE: 'Autre',
}

export type RuleType = 'IBAN' | 'PAYEUR'
export type RuleChoice = 'AUCUNE' | RuleType

export const MODE_LABELS: Record<string, string> = { MANUEL: 'Manuel', SUGGESTION: 'Suggestion acceptée', AUTOMATIQUE: 'Automatique' }

export const WRITE_OFF_LABELS: Record<string, string> = { FRAIS_BANCAIRES: 'Frais bancaires', ARRONDI: 'Arrondi', AUTRE: 'Autre' }

/** "FR7630006000011234567890189" → "FR76 3000 6000 0112 3456 7890 189" (the way a bank statement prints it). */
export function formatIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')
}

export const categoryLabel = (category: string | null | undefined): string =>
  category ? (CATEGORY_LABELS[category as IgnoreCategory] ?? category) : ''

/** "Règle : toujours pour cet IBAN (FR76 …) → Remboursement": why a credit was explained by a rule (French: the exports). */
export const ruleExplanation = (rule: { type: string; libelle: string; categorie: string }): string => ruleExplanationIn('fr', rule)

/**
 * Payments explained without an invoice ("Ignorer (hors facture)"), rules per payer or IBAN, and
 * the words the panel, the audit log and the exports use for them and for allocations. Pure: the
 * components import it as they import formatEuros.
 */

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

/** "Toujours pour cet IBAN : FR76 …" / "Toujours pour ce payeur : URSSAF" (the choice Maud makes). */
export function ruleChoiceLabel(type: RuleType, libelle: string): string {
  return type === 'IBAN' ? `Toujours pour cet IBAN : ${libelle}` : `Toujours pour ce payeur : ${libelle}`
}

/** "Règle : toujours pour cet IBAN (FR76 …) → Remboursement": why a credit was explained by a rule. */
export function ruleExplanation(rule: { type: string; libelle: string; categorie: string }): string {
  const what = rule.type === 'IBAN' ? `toujours pour cet IBAN (${rule.libelle})` : `toujours pour ce payeur (${rule.libelle})`
  return `Règle : ${what} → ${categoryLabel(rule.categorie)}`
}

/** "Ignoré (hors facture) : Remboursement — note". */
export function ignoreExplanation(category: string, note: string | null | undefined): string {
  return `Ignoré (hors facture) : ${categoryLabel(category)}${note ? ` — ${note}` : ''}`
}

/** Action codes of the audit log, in words (every code written; their English labels: src/admin/locale/en-resources.ts). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  ASSOCIATION: 'Association',
  DISSOCIATION: 'Dissociation',
  RAPPROCHEMENT_AUTO: 'Rapprochement automatique',
  SUGGESTION: 'Suggestion acceptée',
  IGNORE: 'Ignoré (hors facture)',
  RETABLISSEMENT: 'Rétabli (à rapprocher)',
  REGLE_CREEE: 'Règle hors facture créée',
  REGLE_DESACTIVEE: 'Règle hors facture désactivée',
  PAIEMENT_ANNULE: 'Paiement annulé par la banque',
  EMAIL_ANNULE: 'E-mail au client annulé',
  SUGGESTION_ECARTEE: 'Suggestion écartée',
  SUGGESTION_RETABLIE: 'Suggestion rétablie',
  HABITUDE_APPRISE: 'Habitude du payeur apprise',
  HABITUDE_ANNULEE: 'Habitude du payeur annulée',
  HABITUDE_OUBLIEE: 'Habitude du payeur oubliée',
  APPRENTISSAGE_ACTIVE: 'Apprentissage réactivé pour un payeur',
  APPRENTISSAGE_DESACTIVE: 'Apprentissage désactivé pour un payeur',
  EXCEDENT_AVOIR: 'Excédent gardé en avoir',
  EXCEDENT_REMBOURSEMENT: 'Excédent à rembourser',
  AVOIR_IMPUTE: 'Avoir imputé',
  PERIODE_CLOTUREE: 'Période clôturée',
  ECRITURE_CONTREPASSEE: 'Écriture contrepassée',
  ECRITURE_REPORTEE: 'Écriture reportée sur la période ouverte',
  CONNEXION_QONTO: 'Connexion Qonto',
  DECONNEXION_QONTO: 'Déconnexion Qonto',
  COMPTES_BANCAIRES: 'Comptes bancaires choisis',
}

export const auditActionLabel = (code: string): string => AUDIT_ACTION_LABELS[code] ?? code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ')

/**
 * "Ignorer (hors facture)": a settled credit that is no client payment (a refund, an internal
 * transfer, a capital contribution…) is explained by a category, reversibly and audited; a rule
 * "toujours pour ce payeur / cet IBAN" explains the payer's future credits at ingest
 * (applyRules, called by transaction-ingest), and the existing ones only after a second confirmed step.
 */
import type { Prisma } from '@prisma/client'
import { z } from 'zod'
import type { Actor, ReconciliationContext, Tx } from '../context.js'
import {
  CATEGORY_LABELS,
  IGNORE_CATEGORIES,
  categoryLabel,
  formatIban,
  ignoreExplanation,
  ruleChoiceLabel,
  ruleExplanation,
  type IgnoreCategory,
  type RuleChoice,
  type RuleType,
} from '../domain/explanation.js'
import { normalizeIban } from '../domain/iban.js'
import { formatEuros, toCents } from '../domain/money.js'
import { payerKey } from './payer-history.service.js'
import { ReconciliationError } from './reconciliation.service.js'

export { ReconciliationError as IgnoreError }

/** Who explains a credit by a rule at ingest. */
export const RULE_ACTOR: Actor = { userId: null, label: 'système (règle hors facture)' }

export const ignoreRequestSchema = z
  .object({
    category: z.enum(IGNORE_CATEGORIES, { message: `catégorie attendue : ${Object.values(CATEGORY_LABELS).join(', ')}` }),
    note: z
      .string()
      .max(500, 'note trop longue (500 caractères au plus)')
      .transform((s) => s.replace(/\u0000/g, '').trim())
      .optional(),
    rule: z.enum(['AUCUNE', 'PAYEUR', 'IBAN']).default('AUCUNE'),
  })
  .refine((r) => r.category !== 'AUTRE' || (r.note ?? '').length > 0, { message: 'Catégorie « Autre » : précisez la raison dans la note.', path: ['note'] })
export type IgnoreInput = z.input<typeof ignoreRequestSchema>

export interface IgnoreRequest extends IgnoreInput {
  transactionId: string
  actor: Actor
}

export interface RuleView {
  id: string
  type: RuleType
  libelle: string
  categorie: IgnoreCategory
  explanation: string
}

export interface IgnoreResult {
  ok: true
  notice: string
  rule: RuleView | null
  /** Other credits still to reconcile that the new rule would explain: offered, applied only on confirmation. */
  existingMatches: number
}

type LockedCredit = {
  id: string
  sens: string
  statut: string
  montant: Prisma.Decimal
  montantAlloue: Prisma.Decimal
  emetteur: string | null
  emetteurIban: string | null
  emetteurCle: string | null
  ignoreCategorie: string | null
}

async function lockCredit(tx: Tx, transactionId: string): Promise<LockedCredit> {
  const [row] = await tx.$queryRawUnsafe<LockedCredit[]>(
    `SELECT id, sens::text AS sens, statut::text AS statut, montant, "montantAlloue", emetteur, "emetteurIban", "emetteurCle",
       "ignoreCategorie"::text AS "ignoreCategorie"
     FROM "transactions_qonto" WHERE id = $1 FOR UPDATE`,
    transactionId,
  )
  if (!row) throw new ReconciliationError('Transaction introuvable.')
  return row
}

/** Why this credit cannot be ignored, in French; null when it can. */
export function whyNotIgnorable(t: { sens: string; statut: string; montantAlloue: { toString(): string } | number; ignoreCategorie: string | null }): string | null {
  if (t.sens !== 'CREDIT') return "Ce paiement est un débit : seuls les paiements reçus s'expliquent hors facture."
  if (t.statut !== 'SETTLED') return "Ce paiement n'est pas exécuté par la banque (en cours, refusé ou annulé) : il ne peut pas encore être ignoré."
  if (t.ignoreCategorie) return `Ce paiement est déjà ignoré (${categoryLabel(t.ignoreCategorie)}) : « Rétablir » le remet à rapprocher.`
  if (toCents(String(t.montantAlloue)) > 0) return 'Ce paiement est déjà associé à une facture : dissociez-le avant de l’ignorer.'
  return null
}

/** The rule's key for this payer: the normalised IBAN, or the payer's name key (as payer history uses it). */
function ruleKey(credit: LockedCredit, type: RuleType): { valeur: string; libelle: string } {
  if (type === 'IBAN') {
    const iban = normalizeIban(credit.emetteurIban)
    if (!iban) throw new ReconciliationError("Ce paiement n'a pas d'IBAN émetteur : choisissez « Toujours pour ce payeur » ou aucune règle.")
    return { valeur: iban, libelle: formatIban(iban) }
  }
  const key = credit.emetteurCle ?? payerKey(credit.emetteur)
  if (!key || !credit.emetteur) throw new ReconciliationError("Ce paiement n'a pas de nom d'émetteur : choisissez « Toujours pour cet IBAN » ou aucune règle.")
  return { valeur: key, libelle: credit.emetteur }
}

const toRuleView = (r: { id: string; type: string; libelle: string; categorie: string }): RuleView => ({
  id: r.id,
  type: r.type as RuleType,
  libelle: r.libelle,
  categorie: r.categorie as IgnoreCategory,
  explanation: ruleExplanation(r),
})

export async function ignorePayment(ctx: ReconciliationContext, request: IgnoreRequest): Promise<IgnoreResult> {
  const parsed = ignoreRequestSchema.safeParse(request)
  if (!parsed.success) throw new ReconciliationError(parsed.error.issues[0]!.message)
  const { category, note, rule } = parsed.data
  const noteOrNull = note && note.length > 0 ? note : null
  return ctx.prisma.$transaction(async (tx) => {
    const credit = await lockCredit(tx, request.transactionId)
    const refused = whyNotIgnorable(credit)
    if (refused) throw new ReconciliationError(refused)
    const created = rule === 'AUCUNE' ? null : await upsertRule(tx, credit, rule, category, noteOrNull, request.actor)
    await tx.transactionQonto.update({
      where: { id: credit.id },
      data: { ignoreCategorie: category, ignoreNote: noteOrNull, ignoreLe: new Date(), ignorePar: request.actor.label, regleId: created?.id ?? null, aVerifier: false },
    })
    const explanation = ignoreExplanation(category, noteOrNull)
    await tx.qontoAuditLog.create({
      data: {
        acteur: request.actor.label,
        userId: request.actor.userId,
        action: 'IGNORE',
        transactionId: credit.id,
        avant: { etat: 'À rapprocher' },
        apres: { etat: explanation, categorie: CATEGORY_LABELS[category], note: noteOrNull, regle: created ? ruleChoiceLabel(created.type, created.libelle) : 'Aucune' },
        details: { paiement: `${formatEuros(toCents(credit.montant))} · ${credit.emetteur ?? 'émetteur inconnu'}` },
      },
    })
    const existingMatches = created ? (await matchingCredits(tx, created.id, credit.id)).length : 0
    const ruleText = created ? ` ${ruleChoiceLabel(created.type, created.libelle)} : les prochains paiements seront ignorés automatiquement.` : ''
    return { ok: true as const, notice: `Paiement ignoré (${CATEGORY_LABELS[category]}).${ruleText}`, rule: created ? toRuleView(created) : null, existingMatches }
  })
}

async function upsertRule(tx: Tx, credit: LockedCredit, type: RuleType, category: IgnoreCategory, note: string | null, actor: Actor) {
  const { valeur, libelle } = ruleKey(credit, type)
  const rule = await tx.qontoRegle.upsert({
    where: { type_valeur: { type, valeur } },
    create: { type, valeur, libelle, categorie: category, note, creeParId: actor.userId, creePar: actor.label },
    update: { libelle, categorie: category, note, actif: true, creeParId: actor.userId, creePar: actor.label },
  })
  await tx.qontoAuditLog.create({
    data: {
      acteur: actor.label,
      userId: actor.userId,
      action: 'REGLE_CREEE',
      transactionId: credit.id,
      apres: { regle: ruleExplanation(rule), note },
    },
  })
  return { ...rule, type: rule.type as RuleType }
}

/** Credits still to reconcile (settled, nothing allocated, not explained) that this rule explains. */
async function matchingCredits(tx: Tx, ruleId: string, exceptId: string | null = null): Promise<Array<{ id: string }>> {
  return tx.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT t.id FROM "transactions_qonto" t JOIN "qonto_regles" r ON r.id = $1 AND r.actif AND ${RULE_MATCH}
     WHERE ${EXPLAINABLE} AND ($2::text IS NULL OR t.id <> $2)`,
    ruleId,
    exceptId,
  )
}

/** A credit still to reconcile with nothing allocated and no explanation yet. */
const EXPLAINABLE = `t.sens = 'CREDIT' AND t.statut = 'SETTLED' AND t.associe = false AND t."montantAlloue" = 0 AND t."ignoreCategorie" IS NULL`
/** The rule `r` applies to the credit `t`: same normalised IBAN, or same payer name key. */
const RULE_MATCH = `((r.type = 'IBAN' AND r.valeur = upper(regexp_replace(t."emetteurIban", '[[:space:]-]', '', 'g'))) OR (r.type = 'PAYEUR' AND r.valeur = t."emetteurCle"))`

export interface AppliedRule {
  transactionId: string
  ruleId: string
  explanation: string
}

/**
 * Explains credits by the active rules, inside the caller's transaction: at ingest the credits just
 * stored or just settled (`transactionIds`), or on confirmation every credit still to reconcile that
 * one rule matches (`ruleId`). An IBAN rule wins over a payer rule. Audited, one entry per credit.
 */
export async function applyRules(tx: Tx, scope: { transactionIds: string[] } | { ruleId: string }, actor: Actor, automatic: boolean): Promise<AppliedRule[]> {
  if ('transactionIds' in scope && scope.transactionIds.length === 0) return []
  const byIds = 'transactionIds' in scope
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; montant: Prisma.Decimal; emetteur: string | null; regleId: string; type: string; libelle: string; categorie: string; note: string | null }>>(
    `WITH matched AS (
       SELECT DISTINCT ON (t.id) t.id, r.id AS "regleId"
       FROM "transactions_qonto" t JOIN "qonto_regles" r ON r.actif AND ${RULE_MATCH}
       WHERE ${EXPLAINABLE} AND ${byIds ? 't.id = ANY($1::text[])' : 'r.id = $1'}
       ORDER BY t.id, (r.type = 'IBAN') DESC, r."createdAt"
     )
     UPDATE "transactions_qonto" t SET "ignoreCategorie" = r.categorie, "ignoreNote" = r.note, "ignoreLe" = CURRENT_TIMESTAMP,
       "ignorePar" = $2, "regleId" = r.id, "aVerifier" = false, "updatedAt" = CURRENT_TIMESTAMP
     FROM matched m JOIN "qonto_regles" r ON r.id = m."regleId"
     WHERE t.id = m.id AND ${EXPLAINABLE}
     RETURNING t.id, t.montant, t.emetteur, r.id AS "regleId", r.type::text AS type, r.libelle, r.categorie::text AS categorie, r.note`,
    byIds ? scope.transactionIds : scope.ruleId,
    actor.label,
  )
  if (rows.length === 0) return []
  await tx.qontoAuditLog.createMany({
    data: rows.map((row) => ({
      acteur: actor.label,
      userId: actor.userId,
      action: 'IGNORE',
      automatique: automatic,
      transactionId: row.id,
      avant: { etat: 'À rapprocher' },
      apres: { etat: ignoreExplanation(row.categorie, row.note), categorie: categoryLabel(row.categorie), note: row.note, regle: ruleExplanation(row) },
      details: { paiement: `${formatEuros(toCents(row.montant))} · ${row.emetteur ?? 'émetteur inconnu'}` },
    })),
  })
  return rows.map((row) => ({ transactionId: row.id, ruleId: row.regleId, explanation: ruleExplanation(row) }))
}

/** The second, confirmed step after creating a rule: explain the payer's credits already waiting. */
export async function applyRuleToExisting(ctx: ReconciliationContext, request: { ruleId: string; expectedCount: number; actor: Actor }): Promise<{ ok: true; count: number; notice: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const [rule] = await tx.$queryRawUnsafe<Array<{ id: string; actif: boolean }>>(`SELECT id, actif FROM "qonto_regles" WHERE id = $1 FOR UPDATE`, request.ruleId)
    if (!rule) throw new ReconciliationError('Règle introuvable.')
    if (!rule.actif) throw new ReconciliationError('Cette règle est désactivée : elle ne s’applique plus.')
    const waiting = await matchingCredits(tx, rule.id)
    if (waiting.length !== request.expectedCount) {
      throw new ReconciliationError(`Le nombre de paiements concernés a changé (${waiting.length} au lieu de ${request.expectedCount}) : rien n’a été modifié, vérifiez et recommencez.`)
    }
    const applied = await applyRules(tx, { ruleId: rule.id }, request.actor, false)
    const n = applied.length
    return { ok: true as const, count: n, notice: `${n} autre${n > 1 ? 's' : ''} paiement${n > 1 ? 's' : ''} de ce payeur ignoré${n > 1 ? 's' : ''} par la règle.` }
  })
}

/** "Rétablir": the credit is to reconcile again; the rule, if any, stays (deactivate it separately). */
export async function restorePayment(ctx: ReconciliationContext, request: { transactionId: string; actor: Actor }): Promise<{ ok: true; notice: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const credit = await lockCredit(tx, request.transactionId)
    if (!credit.ignoreCategorie) throw new ReconciliationError("Ce paiement n'est pas ignoré : il n'y a rien à rétablir.")
    const current = await tx.transactionQonto.findUniqueOrThrow({ where: { id: credit.id }, select: { ignoreNote: true, regle: true } })
    await tx.transactionQonto.update({
      where: { id: credit.id },
      data: { ignoreCategorie: null, ignoreNote: null, ignoreLe: null, ignorePar: null, regleId: null },
    })
    await tx.qontoAuditLog.create({
      data: {
        acteur: request.actor.label,
        userId: request.actor.userId,
        action: 'RETABLISSEMENT',
        transactionId: credit.id,
        avant: { etat: ignoreExplanation(credit.ignoreCategorie, current.ignoreNote), regle: current.regle ? ruleExplanation(current.regle) : 'Aucune' },
        apres: { etat: 'À rapprocher' },
      },
    })
    const still = current.regle?.actif ? ` La règle « ${ruleChoiceLabel(current.regle.type as RuleType, current.regle.libelle)} » reste active : désactivez-la dans « Règles hors facture » si elle ne convient plus.` : ''
    return { ok: true as const, notice: `Paiement rétabli : il est de nouveau à rapprocher.${still}` }
  })
}

export async function deactivateRule(ctx: ReconciliationContext, request: { ruleId: string; actor: Actor }): Promise<{ ok: true; notice: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const [rule] = await tx.$queryRawUnsafe<Array<{ id: string; type: string; libelle: string; categorie: string; actif: boolean }>>(
      `SELECT id, type::text AS type, libelle, categorie::text AS categorie, actif FROM "qonto_regles" WHERE id = $1 FOR UPDATE`,
      request.ruleId,
    )
    if (!rule) throw new ReconciliationError('Règle introuvable.')
    if (!rule.actif) throw new ReconciliationError('Cette règle est déjà désactivée.')
    await tx.qontoRegle.update({ where: { id: rule.id }, data: { actif: false } })
    await tx.qontoAuditLog.create({
      data: { acteur: request.actor.label, userId: request.actor.userId, action: 'REGLE_DESACTIVEE', avant: { regle: ruleExplanation(rule), etat: 'Active' }, apres: { etat: 'Désactivée' } },
    })
    return { ok: true as const, notice: `Règle désactivée : les prochains paiements de ${rule.libelle} seront de nouveau à rapprocher. Ceux déjà ignorés le restent (« Rétablir » sur chacun).` }
  })
}

/** What the Ignorer page shows: the payment, whether it can be ignored (else why), the rule choices. */
export async function ignoreView(ctx: ReconciliationContext, transactionId: string) {
  const t = await ctx.prisma.transactionQonto.findUnique({ where: { id: transactionId }, include: { regle: true } })
  if (!t) return null
  const iban = normalizeIban(t.emetteurIban)
  return {
    payment: { id: t.id, date: t.dateTransaction.toISOString(), amountCents: toCents(t.montant), payer: t.emetteur, iban: iban ? formatIban(iban) : null, reference: t.reference, label: t.libelle },
    refused: whyNotIgnorable({ sens: t.sens, statut: t.statut, montantAlloue: t.montantAlloue, ignoreCategorie: t.ignoreCategorie }),
    ignored: t.ignoreCategorie
      ? { category: t.ignoreCategorie, categoryLabel: categoryLabel(t.ignoreCategorie), note: t.ignoreNote, by: t.ignorePar, at: t.ignoreLe?.toISOString() ?? null, rule: t.regle ? ruleExplanation(t.regle) : null }
      : null,
    categories: IGNORE_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] })),
    rules: [
      ...(t.emetteur ? [{ value: 'PAYEUR' as const, label: ruleChoiceLabel('PAYEUR', t.emetteur) }] : []),
      ...(iban ? [{ value: 'IBAN' as const, label: ruleChoiceLabel('IBAN', formatIban(iban)) }] : []),
    ],
  }
}

export type { RuleChoice }

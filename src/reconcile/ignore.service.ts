/**
 * "Ignorer (hors facture)": a settled credit that is no client payment (a refund, an internal
 * transfer, a capital contribution…) is explained by a category, reversibly and audited; a rule
 * "toujours pour ce payeur / cet IBAN" explains the payer's future credits at ingest
 * (applyRules, called by transaction-ingest), and the existing ones only after a second confirmed step.
 */
import { createHash } from 'node:crypto'
import type { Prisma } from '@prisma/client'
import { z } from 'zod'
import type { Actor, ReconciliationContext, Tx } from '../context.js'
import { IGNORE_CATEGORIES, formatIban, type IgnoreCategory, type RuleChoice, type RuleType } from '../domain/explanation.js'
import type { Language } from '../domain/language.js'
import { normalizeIban } from '../domain/iban.js'
import { formatEurosIn, toCents } from '../domain/money.js'
import { foldWords } from '../domain/text/fold.js'
import { payerKey } from './payer-history.service.js'
import { bookClosedPeriodChanges } from './ledger.service.js'
import { ReconciliationError } from './reconciliation.service.js'
import { serverTexts } from '../i18n/server-texts.js'
import { categoryIn } from '../i18n/error-texts.js'
import { ignoreExplanationIn, reconcileTexts, ruleExplanationIn } from '../i18n/reconcile-texts.js'

export { ReconciliationError as IgnoreError }

/** "1 500,00 € · URSSAF": the payment as an audit line names it, in `language` (the context's). */
const auditPayment = (language: Language, cents: number, payer: string | null) =>
  `${formatEurosIn(language, cents)} · ${payer ?? serverTexts({ language: { current: language } }).unknownPayer}`

/** The words of an audit line about a rule or an ignored payment, in `language` (the context's): written so, kept so. */
function auditWords(language: Language) {
  const T = reconcileTexts(language)
  return {
    T,
    rule: (rule: { type: string; libelle: string; categorie: string }) => ruleExplanationIn(language, rule),
    ignored: (category: string, note: string | null) => ignoreExplanationIn(language, category, note),
    category: (category: string) => categoryIn(language, category),
  }
}

/** The notices of the Ignorer, Rétablir and rule actions, in the panel's language. */
const panelTexts = (ctx: ReconciliationContext) => serverTexts({ language: ctx.panelLanguage }).ignore

/** Who explains a credit by a rule at ingest. */
export const RULE_ACTOR: Actor = { userId: null, label: 'système (règle hors facture)' }

export const ignoreRequestSchema = z
  .object({
    // The messages are the refusal codes' (ignoreRequestRefusal): read in the reader's language.
    category: z.enum(IGNORE_CATEGORIES, { message: 'ignoreCategoryExpected' }),
    note: z
      .string()
      .max(500, 'ignoreNoteTooLong')
      .transform((s) => s.replace(/\u0000/g, '').trim())
      .optional(),
    rule: z.enum(['AUCUNE', 'PAYEUR', 'IBAN']).default('AUCUNE'),
  })
  .refine((r) => r.category !== 'AUTRE' || (r.note ?? '').length > 0, { message: 'ignoreOtherNeedsNote', path: ['note'] })
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
  /** creditsFingerprint of those credits: the confirmation must send it back (null without a rule). */
  existingFingerprint: string | null
}

/**
 * The key of a "toujours pour ce payeur" rule: the payer's exact name, accents, case and punctuation
 * folded, word order, legal forms and titles kept ("SCI DUPONT" ≠ "Dupont SAS" ≠ "M. DUPONT").
 */
export function payerRuleKey(name: string | null | undefined): string | null {
  return name ? foldWords(name) || null : null
}

/** What the confirmation of "apply the rule to the credits already waiting" must match: a hash of the sorted ids. */
export function creditsFingerprint(ids: readonly string[]): string {
  return createHash('sha256').update([...ids].sort().join('\n')).digest('hex')
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
  if (!row) throw new ReconciliationError('transactionNotFound')
  return row
}

/** Why this credit cannot be ignored (a refusal to throw or show); null when it can. */
export function whyNotIgnorable(t: { sens: string; statut: string; montantAlloue: { toString(): string } | number; ignoreCategorie: string | null }): ReconciliationError | null {
  if (t.sens !== 'CREDIT') return new ReconciliationError('ignoreDebit')
  if (t.statut !== 'SETTLED') return new ReconciliationError('ignoreNotSettled')
  if (t.ignoreCategorie) return new ReconciliationError('alreadyIgnored', t.ignoreCategorie)
  if (toCents(String(t.montantAlloue)) > 0) return new ReconciliationError('ignoreAlreadyMatched')
  return null
}

/** The first problem of an Ignorer request that does not parse, as a refusal. */
export function ignoreRequestRefusal(issue: z.ZodError['issues'][number] | undefined): ReconciliationError {
  if (issue?.path[0] === 'category') return new ReconciliationError('ignoreCategoryExpected')
  if (issue?.path[0] === 'note') return new ReconciliationError(issue.code === 'too_big' ? 'ignoreNoteTooLong' : 'ignoreOtherNeedsNote')
  return new ReconciliationError('invalidRequest')
}

/** The rule's key for this payer: the normalised IBAN, or the payer's exact folded name (payerRuleKey). */
function ruleKey(credit: LockedCredit, type: RuleType): { valeur: string; libelle: string } {
  if (type === 'IBAN') {
    const iban = normalizeIban(credit.emetteurIban)
    if (!iban) throw new ReconciliationError('noPayerIban')
    return { valeur: iban, libelle: formatIban(iban) }
  }
  const key = payerRuleKey(credit.emetteur)
  if (!key || !credit.emetteur) throw new ReconciliationError('noPayerName')
  return { valeur: key, libelle: credit.emetteur }
}

const toRuleView = (language: Language, r: { id: string; type: string; libelle: string; categorie: string }): RuleView => ({
  id: r.id,
  type: r.type as RuleType,
  libelle: r.libelle,
  categorie: r.categorie as IgnoreCategory,
  explanation: ruleExplanationIn(language, r),
})

export async function ignorePayment(ctx: ReconciliationContext, request: IgnoreRequest): Promise<IgnoreResult> {
  const parsed = ignoreRequestSchema.safeParse(request)
  if (!parsed.success) throw ignoreRequestRefusal(parsed.error.issues[0])
  const { category, note, rule } = parsed.data
  const noteOrNull = note && note.length > 0 ? note : null
  return ctx.prisma.$transaction(async (tx) => {
    const credit = await lockCredit(tx, request.transactionId)
    const refused = whyNotIgnorable(credit)
    if (refused) throw refused
    const A = auditWords(ctx.language.current)
    const created = rule === 'AUCUNE' ? null : await upsertRule(tx, credit, rule, category, noteOrNull, request.actor, ctx.language.current)
    await tx.transactionQonto.update({
      where: { id: credit.id },
      data: { ignoreCategorie: category, ignoreNote: noteOrNull, ignoreLe: new Date(), ignorePar: request.actor.label, regleId: created?.id ?? null, aVerifier: false },
    })
    await tx.qontoAuditLog.create({
      data: {
        acteur: request.actor.label,
        userId: request.actor.userId,
        action: 'IGNORE',
        transactionId: credit.id,
        avant: { etat: A.T.states.toMatch },
        apres: {
          etat: A.ignored(category, noteOrNull),
          categorie: A.category(category),
          note: noteOrNull,
          regle: created ? serverTexts(ctx).ignore.ruleChoice(created.type, created.libelle) : A.T.states.none,
        },
        details: { paiement: auditPayment(ctx.language.current, toCents(credit.montant), credit.emetteur) },
      },
    })
    await bookClosedPeriodChanges(ctx, tx, [credit.id])
    const existing = created ? await matchingCredits(tx, created, credit.id) : []
    const T = panelTexts(ctx)
    return {
      ok: true as const,
      notice: T.ignored(categoryIn(ctx.panelLanguage.current, category), created ? T.ruleChoice(created.type, created.libelle) : null),
      rule: created ? toRuleView(ctx.panelLanguage.current, created) : null,
      existingMatches: existing.length,
      existingFingerprint: created ? creditsFingerprint(existing.map((c) => c.id)) : null,
    }
  })
}

async function upsertRule(tx: Tx, credit: LockedCredit, type: RuleType, category: IgnoreCategory, note: string | null, actor: Actor, language: Language) {
  const { valeur, libelle } = ruleKey(credit, type)
  // A payer rule stored with the old name key gets its exact key first (the upsert then finds it).
  if (type === 'PAYEUR') await activeRules(tx, language)
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
      apres: { regle: ruleExplanationIn(language, rule), note },
    },
  })
  return { ...rule, type: rule.type as RuleType }
}

/** A credit still to reconcile with nothing allocated and no explanation yet. */
const EXPLAINABLE = `t.sens = 'CREDIT' AND t.statut = 'SETTLED' AND t.associe = false AND t."montantAlloue" = 0 AND t."ignoreCategorie" IS NULL`
/** Maud restored it ("Rétablir"): a rule applied to the credits already waiting never takes it back. */
const NOT_RESTORED = `NOT EXISTS (SELECT 1 FROM "qonto_audit_logs" a WHERE a."transactionId" = t.id AND a.action = 'RETABLISSEMENT')`

type RuleRow = { id: string; type: string; valeur: string; libelle: string; categorie: string; note: string | null }
type Candidate = { id: string; emetteur: string | null; emetteurIban: string | null }

/** The rule `rule` applies to the credit: same normalised IBAN, or the same exact folded payer name. */
function ruleMatches(rule: Pick<RuleRow, 'type' | 'valeur'>, credit: Candidate): boolean {
  return rule.type === 'IBAN' ? normalizeIban(credit.emetteurIban) === rule.valeur : payerRuleKey(credit.emetteur) === rule.valeur
}

/**
 * The active rules (one, or all), IBAN rules first then the oldest. A payer rule written before the
 * exact-name key (its valeur was the sorted name key) is migrated here to payerRuleKey(libelle): it
 * keeps catching its own payer and nobody else; if that exact rule exists already, the old one is
 * deactivated (audited).
 */
async function activeRules(tx: Tx, language: Language, ruleId?: string): Promise<RuleRow[]> {
  const rules = await tx.qontoRegle.findMany({ where: { actif: true, ...(ruleId ? { id: ruleId } : {}) }, orderBy: { createdAt: 'asc' } })
  const kept: RuleRow[] = []
  for (const rule of rules) {
    const key = rule.type === 'PAYEUR' ? payerRuleKey(rule.libelle) : rule.valeur
    if (key === null || key === rule.valeur) {
      if (key !== null) kept.push(rule)
      continue
    }
    const twin = await tx.qontoRegle.findUnique({ where: { type_valeur: { type: 'PAYEUR', valeur: key } } })
    if (twin) {
      await tx.qontoRegle.update({ where: { id: rule.id }, data: { actif: false } })
      const { T, rule: explained } = auditWords(language)
      await tx.qontoAuditLog.create({
        data: {
          acteur: RULE_ACTOR.label, action: 'REGLE_DESACTIVEE', automatique: true,
          avant: { regle: explained(rule), etat: T.states.ruleActive },
          apres: { etat: T.states.ruleOff, motif: T.ignore.duplicateRule(rule.libelle) },
        },
      })
      continue
    }
    kept.push(await tx.qontoRegle.update({ where: { id: rule.id }, data: { valeur: key } }))
  }
  return kept.sort((a, b) => Number(b.type === 'IBAN') - Number(a.type === 'IBAN'))
}

/**
 * Credits already waiting (settled, nothing allocated, not explained, not restored by Maud) that
 * this rule explains, oldest first; `lock` locks them for the confirmed step.
 */
async function matchingCredits(tx: Tx, rule: Pick<RuleRow, 'type' | 'valeur' | 'libelle'>, exceptId: string | null = null, lock = false): Promise<Candidate[]> {
  // A cheap SQL filter (the IBAN, or the sorted name key every exact name has), then the exact test.
  const byPayer = rule.type === 'PAYEUR'
  const nameKey = byPayer ? payerKey(rule.libelle) : null
  const prefilter = byPayer
    ? `(t."emetteurCle" = $1 OR (t."emetteurCle" IS NULL AND t.emetteur IS NOT NULL))`
    : `$1 = upper(regexp_replace(t."emetteurIban", '[[:space:]-]', '', 'g'))`
  const rows = await tx.$queryRawUnsafe<Candidate[]>(
    `SELECT t.id, t.emetteur, t."emetteurIban" FROM "transactions_qonto" t
     WHERE ${EXPLAINABLE} AND ${NOT_RESTORED} AND ${prefilter} AND ($2::text IS NULL OR t.id <> $2)
     ORDER BY t."dateTransaction", t.id ${lock ? 'FOR UPDATE OF t' : ''}`,
    byPayer ? (nameKey ?? '') : rule.valeur,
    exceptId,
  )
  return rows.filter((row) => ruleMatches(rule, row))
}

export interface AppliedRule {
  transactionId: string
  ruleId: string
  explanation: string
}

/**
 * Explains credits by the active rules, inside the caller's transaction: the credits just stored or
 * just settled at ingest. An IBAN rule wins over a payer rule. Audited, one entry per credit, in
 * `language` (the context's: ingest has no reader); the explanations returned are in it too.
 */
export async function applyRules(tx: Tx, scope: { transactionIds: string[] }, actor: Actor, automatic: boolean, language: Language): Promise<AppliedRule[]> {
  if (scope.transactionIds.length === 0) return []
  const credits = await tx.$queryRawUnsafe<Candidate[]>(
    `SELECT t.id, t.emetteur, t."emetteurIban" FROM "transactions_qonto" t WHERE ${EXPLAINABLE} AND t.id = ANY($1::text[])`,
    scope.transactionIds,
  )
  if (credits.length === 0) return []
  const rules = await activeRules(tx, language)
  const plan = credits.flatMap((credit) => {
    const rule = rules.find((r) => ruleMatches(r, credit))
    return rule ? [{ id: credit.id, regleId: rule.id }] : []
  })
  return explainCredits(tx, plan, actor, automatic, language)
}

/** Writes the explanations of `plan` (credit → rule), each only if the credit is still explainable; audited. */
async function explainCredits(tx: Tx, plan: Array<{ id: string; regleId: string }>, actor: Actor, automatic: boolean, language: Language): Promise<AppliedRule[]> {
  if (plan.length === 0) return []
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; montant: Prisma.Decimal; emetteur: string | null; regleId: string; type: string; libelle: string; categorie: string; note: string | null }>>(
    `UPDATE "transactions_qonto" t SET "ignoreCategorie" = r.categorie, "ignoreNote" = r.note, "ignoreLe" = CURRENT_TIMESTAMP,
       "ignorePar" = $2, "regleId" = r.id, "aVerifier" = false, "updatedAt" = CURRENT_TIMESTAMP
     FROM jsonb_to_recordset($1::jsonb) AS m(id text, "regleId" text) JOIN "qonto_regles" r ON r.id = m."regleId" AND r.actif
     WHERE t.id = m.id AND ${EXPLAINABLE}
     RETURNING t.id, t.montant, t.emetteur, r.id AS "regleId", r.type::text AS type, r.libelle, r.categorie::text AS categorie, r.note`,
    JSON.stringify(plan),
    actor.label,
  )
  if (rows.length === 0) return []
  const A = auditWords(language)
  await tx.qontoAuditLog.createMany({
    data: rows.map((row) => ({
      acteur: actor.label,
      userId: actor.userId,
      action: 'IGNORE',
      automatique: automatic,
      transactionId: row.id,
      avant: { etat: A.T.states.toMatch },
      apres: { etat: A.ignored(row.categorie, row.note), categorie: A.category(row.categorie), note: row.note, regle: A.rule(row) },
      details: { paiement: auditPayment(language, toCents(row.montant), row.emetteur) },
    })),
  })
  return rows.map((row) => ({ transactionId: row.id, ruleId: row.regleId, explanation: A.rule(row) }))
}

/**
 * The second, confirmed step after creating a rule: explain the payer's credits already waiting,
 * exactly those Maud was shown (their creditsFingerprint), else nothing changes.
 */
export async function applyRuleToExisting(ctx: ReconciliationContext, request: { ruleId: string; expectedFingerprint: string; actor: Actor }): Promise<{ ok: true; count: number; notice: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRawUnsafe<Array<{ id: string; actif: boolean }>>(`SELECT id, actif FROM "qonto_regles" WHERE id = $1 FOR UPDATE`, request.ruleId)
    if (!locked) throw new ReconciliationError('ruleNotFound')
    const [rule] = locked.actif ? await activeRules(tx, ctx.language.current, locked.id) : []
    if (!rule) throw new ReconciliationError('ruleOff')
    const waiting = await matchingCredits(tx, rule, null, true)
    if (creditsFingerprint(waiting.map((c) => c.id)) !== request.expectedFingerprint) {
      const n = waiting.length
      throw new ReconciliationError('rulePaymentsChanged', n)
    }
    const applied = await explainCredits(tx, waiting.map((c) => ({ id: c.id, regleId: rule.id })), request.actor, false, ctx.language.current)
    await bookClosedPeriodChanges(ctx, tx, applied.map((a) => a.transactionId))
    const n = applied.length
    return { ok: true as const, count: n, notice: panelTexts(ctx).ruleApplied(n) }
  })
}

/** "Rétablir": the credit is to reconcile again; the rule, if any, stays (deactivate it separately). */
export async function restorePayment(ctx: ReconciliationContext, request: { transactionId: string; actor: Actor }): Promise<{ ok: true; notice: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const credit = await lockCredit(tx, request.transactionId)
    if (!credit.ignoreCategorie) throw new ReconciliationError('notIgnored')
    const current = await tx.transactionQonto.findUniqueOrThrow({ where: { id: credit.id }, select: { ignoreNote: true, regle: true } })
    await tx.transactionQonto.update({
      where: { id: credit.id },
      data: { ignoreCategorie: null, ignoreNote: null, ignoreLe: null, ignorePar: null, regleId: null },
    })
    const A = auditWords(ctx.language.current)
    await tx.qontoAuditLog.create({
      data: {
        acteur: request.actor.label,
        userId: request.actor.userId,
        action: 'RETABLISSEMENT',
        transactionId: credit.id,
        avant: { etat: A.ignored(credit.ignoreCategorie, current.ignoreNote), regle: current.regle ? A.rule(current.regle) : A.T.states.none },
        apres: { etat: A.T.states.toMatch },
      },
    })
    await bookClosedPeriodChanges(ctx, tx, [credit.id])
    const T = panelTexts(ctx)
    return { ok: true as const, notice: T.restored(current.regle?.actif ? T.ruleChoice(current.regle.type as RuleType, current.regle.libelle) : null) }
  })
}

export async function deactivateRule(ctx: ReconciliationContext, request: { ruleId: string; actor: Actor }): Promise<{ ok: true; notice: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const [rule] = await tx.$queryRawUnsafe<Array<{ id: string; type: string; libelle: string; categorie: string; actif: boolean }>>(
      `SELECT id, type::text AS type, libelle, categorie::text AS categorie, actif FROM "qonto_regles" WHERE id = $1 FOR UPDATE`,
      request.ruleId,
    )
    if (!rule) throw new ReconciliationError('ruleNotFound')
    if (!rule.actif) throw new ReconciliationError('ruleAlreadyOff')
    await tx.qontoRegle.update({ where: { id: rule.id }, data: { actif: false } })
    const { T, rule: explained } = auditWords(ctx.language.current)
    await tx.qontoAuditLog.create({
      data: { acteur: request.actor.label, userId: request.actor.userId, action: 'REGLE_DESACTIVEE', avant: { regle: explained(rule), etat: T.states.ruleActive }, apres: { etat: T.states.ruleOff } },
    })
    return { ok: true as const, notice: panelTexts(ctx).ruleOff(rule.libelle) }
  })
}

/** What the Ignorer page shows: the payment, whether it can be ignored (else why), the rule choices. */
export async function ignoreView(ctx: ReconciliationContext, transactionId: string) {
  const t = await ctx.prisma.transactionQonto.findUnique({ where: { id: transactionId }, include: { regle: true } })
  if (!t) return null
  const iban = normalizeIban(t.emetteurIban)
  const language = ctx.panelLanguage.current
  return {
    payment: { id: t.id, date: t.dateTransaction.toISOString(), amountCents: toCents(t.montant), payer: t.emetteur, iban: iban ? formatIban(iban) : null, reference: t.reference, label: t.libelle },
    refused: whyNotIgnorable({ sens: t.sens, statut: t.statut, montantAlloue: t.montantAlloue, ignoreCategorie: t.ignoreCategorie })?.in(language) ?? null,
    ignored: t.ignoreCategorie
      ? { category: t.ignoreCategorie, categoryLabel: categoryIn(language, t.ignoreCategorie), note: t.ignoreNote, by: t.ignorePar, at: t.ignoreLe?.toISOString() ?? null, rule: t.regle ? ruleExplanationIn(language, t.regle) : null }
      : null,
    categories: IGNORE_CATEGORIES.map((value) => ({ value, label: categoryIn(language, value) })),
    rules: await ruleChoices(ctx, t),
  }
}

/** The rule choices of the Ignorer page, in the panel's language: what each one catches, in words, and how many credits already waiting it matches. */
async function ruleChoices(ctx: ReconciliationContext, t: { id: string; emetteur: string | null; emetteurIban: string | null }) {
  const iban = normalizeIban(t.emetteurIban)
  const payer = payerRuleKey(t.emetteur)
  const waiting = async (rule: Pick<RuleRow, 'type' | 'valeur' | 'libelle'>) => (await matchingCredits(ctx.prisma, rule, t.id)).length
  const T = reconcileTexts(ctx.panelLanguage.current).ignore
  const ruleChoiceLabel = panelTexts(ctx).ruleChoice
  const choices: Array<{ value: 'PAYEUR' | 'IBAN'; label: string; catches: string; existingCount: number }> = []
  if (t.emetteur && payer) {
    const existingCount = await waiting({ type: 'PAYEUR', valeur: payer, libelle: t.emetteur })
    choices.push({
      value: 'PAYEUR',
      label: ruleChoiceLabel('PAYEUR', t.emetteur),
      catches: T.catchesPayer(t.emetteur, T.othersWaiting(existingCount)),
      existingCount,
    })
  }
  if (iban) {
    const existingCount = await waiting({ type: 'IBAN', valeur: iban, libelle: formatIban(iban) })
    choices.push({ value: 'IBAN', label: ruleChoiceLabel('IBAN', formatIban(iban)), catches: T.catchesIban(formatIban(iban), T.othersWaiting(existingCount)), existingCount })
  }
  return choices
}

export type { RuleChoice }

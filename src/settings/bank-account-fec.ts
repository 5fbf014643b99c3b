/**
 * The FEC bank account (class 512) of each Qonto account: chosen with the accounts (feed), written
 * into every exported entry (reconcile). Neither side owns it: both read it here.
 */
import { z } from 'zod'
import type { ReconciliationContext } from '../context.js'

/** A FEC account number of the bank class: 512 then digits or capitals (5121, 512QONTO…). */
export const fecBankAccountSchema = z
  .string()
  .trim()
  .transform((text) => text.toUpperCase())
  .pipe(z.string().regex(/^512[0-9A-Z]{0,17}$/, 'compte FEC de banque attendu : 512 suivi de chiffres ou de lettres (20 caractères au plus), par exemple 512100'))

/** FEC bank account per Qonto account id, for the export (accounts without one use the fec option's). */
export async function fecBankAccounts(ctx: ReconciliationContext): Promise<Map<string, string>> {
  const rows = await ctx.prisma.qontoBankAccount.findMany({ where: { fecBankAccount: { not: null } }, select: { id: true, fecBankAccount: true } })
  return new Map(rows.map((r) => [r.id, r.fecBankAccount!]))
}

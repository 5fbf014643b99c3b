import type { Prisma, PrismaClient } from '@prisma/client'
import { composeIBAN } from 'ibantools'
import { centsToDecimalString } from 'qonto-reconcile'
import { hashPassword } from './passwords.js'

export interface SeedOptions {
  adminEmail: string
  adminPassword: string
  readerEmail?: string
  readerPassword?: string
}

export interface SeedReport {
  seeded: boolean
  clients: number
  invoices: number
  transactions: number
}

const CLIENTS = [
  ['Glow Cosmetics SAS', 'compta@glow-cosmetics.fr'],
  ['Maison Lumière SARL', 'factures@maison-lumiere.fr'],
  ['Atelier Verde', 'hello@atelier-verde.fr'],
  ['Bleu Marine Studio', 'admin@bleumarine.studio'],
  ['Café Olympe', 'gerance@cafe-olympe.fr'],
  ['Nordik Design SAS', 'ap@nordik-design.com'],
  ['Les Jardins de Sophie', 'sophie@jardins-sophie.fr'],
  ['Pixel & Plume SARL', 'compta@pixeletplume.fr'],
  ['Studio Horizon', 'contact@studio-horizon.fr'],
  ['Ferme du Vallon', 'ferme.vallon@orange.fr'],
] as const

/** A valid French IBAN (RIB key and IBAN check digits computed), deterministic per index. */
export function demoIban(index: number): string {
  const bank = String(10_000 + index * 731).padStart(5, '0')
  const branch = String(100 + index * 37).padStart(5, '0')
  const account = String(4_000_000 + index * 1_234_567).padStart(11, '0')
  const key = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97)
  const iban = composeIBAN({ countryCode: 'FR', bban: `${bank}${branch}${account}${String(key).padStart(2, '0')}` })
  if (!iban) throw new Error(`cannot build demo IBAN ${index}`)
  return iban
}

interface InvoiceSeed {
  n: number
  client: number
  cents: number
  issued: string
  due: string
  statut?: Prisma.DocumentCreateManyInput['statut']
}

// Retainers and packages: equal amounts everywhere, as in a real agency month.
const INVOICES: InvoiceSeed[] = [
  { n: 101, client: 0, cents: 150000, issued: '2026-09-30', due: '2026-10-30', statut: 'PAYE' },
  { n: 102, client: 1, cents: 150000, issued: '2026-09-30', due: '2026-10-30', statut: 'PAYE' },
  { n: 103, client: 2, cents: 240000, issued: '2026-09-30', due: '2026-10-30', statut: 'PAYE' },
  { n: 110, client: 0, cents: 150000, issued: '2026-10-31', due: '2026-11-30' },
  { n: 111, client: 1, cents: 150000, issued: '2026-10-31', due: '2026-11-30' },
  { n: 112, client: 2, cents: 240000, issued: '2026-10-31', due: '2026-11-30' },
  { n: 113, client: 3, cents: 150000, issued: '2026-10-31', due: '2026-11-30' },
  { n: 114, client: 4, cents: 48000, issued: '2026-10-31', due: '2026-11-15' },
  { n: 115, client: 5, cents: 360000, issued: '2026-10-31', due: '2026-11-30' },
  { n: 116, client: 6, cents: 90000, issued: '2026-10-31', due: '2026-11-30' },
  { n: 117, client: 7, cents: 150000, issued: '2026-10-31', due: '2026-11-30' },
  { n: 118, client: 8, cents: 240000, issued: '2026-10-31', due: '2026-11-30' },
  { n: 119, client: 9, cents: 62500, issued: '2026-10-31', due: '2026-11-30' },
  { n: 120, client: 0, cents: 85000, issued: '2026-11-03', due: '2026-12-03' },
  { n: 121, client: 0, cents: 42000, issued: '2026-11-03', due: '2026-12-03' },
  { n: 122, client: 1, cents: 198000, issued: '2026-11-04', due: '2026-12-04' },
  { n: 123, client: 3, cents: 60000, issued: '2026-11-04', due: '2026-12-04' },
  { n: 124, client: 5, cents: 120000, issued: '2026-11-05', due: '2026-12-05' },
  { n: 125, client: 5, cents: 120000, issued: '2026-11-05', due: '2026-12-05' },
  { n: 126, client: 4, cents: 48000, issued: '2026-11-06', due: '2026-11-21' },
  { n: 127, client: 6, cents: 275000, issued: '2026-11-06', due: '2026-12-06' },
  { n: 128, client: 7, cents: 99000, issued: '2026-11-07', due: '2026-12-07' },
  { n: 129, client: 8, cents: 150000, issued: '2026-11-07', due: '2026-12-07' },
  { n: 130, client: 9, cents: 31000, issued: '2026-11-10', due: '2026-12-10' },
  { n: 131, client: 2, cents: 180000, issued: '2026-11-10', due: '2026-12-10' },
  { n: 132, client: 3, cents: 150000, issued: '2026-11-12', due: '2026-12-12' },
  { n: 133, client: 0, cents: 150000, issued: '2026-11-12', due: '2026-12-12', statut: 'BROUILLON' },
  { n: 134, client: 1, cents: 72000, issued: '2026-11-13', due: '2026-12-13' },
  { n: 135, client: 5, cents: 45000, issued: '2026-11-13', due: '2026-12-13' },
  { n: 136, client: 6, cents: 150000, issued: '2026-11-14', due: '2026-12-14', statut: 'ANNULE' },
  { n: 137, client: 7, cents: 210000, issued: '2026-11-14', due: '2026-12-14' },
  { n: 138, client: 8, cents: 66000, issued: '2026-11-17', due: '2026-12-17' },
  { n: 139, client: 9, cents: 62500, issued: '2026-11-17', due: '2026-12-17' },
  { n: 140, client: 2, cents: 240000, issued: '2026-11-18', due: '2026-12-18' },
  { n: 141, client: 4, cents: 96000, issued: '2026-11-18', due: '2026-12-03' },
  { n: 142, client: 3, cents: 38000, issued: '2026-11-19', due: '2026-12-19' },
  { n: 143, client: 1, cents: 150000, issued: '2026-11-20', due: '2026-12-20' },
  { n: 144, client: 0, cents: 325000, issued: '2026-11-20', due: '2026-12-20' },
  { n: 145, client: 6, cents: 54000, issued: '2026-11-21', due: '2026-12-21' },
  { n: 146, client: 8, cents: 150000, issued: '2026-11-21', due: '2026-12-21' },
]

interface CreditSeed {
  cents: number
  /** Payer: a client index (their name and IBAN) or an outside party. */
  payer: number | { name: string; iban: string | null }
  reference: string | null
  at: string
  /** Pays these invoice numbers (already reconciled in the demo). */
  reconciled?: number[]
  statut?: 'PENDING' | 'SETTLED' | 'DECLINED'
  payerName?: string
  side?: 'CREDIT' | 'DEBIT'
}

const CREDITS: CreditSeed[] = [
  // Already reconciled last month.
  { cents: 150000, payer: 0, reference: 'FACT-2026-101', at: '2026-10-28T09:12:00Z', reconciled: [101] },
  { cents: 150000, payer: 1, reference: 'VIR FACTURE 2026-102', at: '2026-10-29T10:02:00Z', reconciled: [102] },
  { cents: 240000, payer: 2, reference: 'FACT 2026 103', at: '2026-10-30T14:40:00Z', reconciled: [103] },
  // Invoice number typed in many ways.
  { cents: 150000, payer: 0, reference: 'VIR SEPA FACT-2026-110 MERCI', at: '2026-11-18T08:30:00Z' },
  { cents: 150000, payer: 1, reference: 'fact2026111', at: '2026-11-19T09:45:00Z' },
  { cents: 240000, payer: 2, reference: 'Facture n° 2026-112', at: '2026-11-20T11:20:00Z' },
  { cents: 360000, payer: 5, reference: 'Nordik PO 4471 / FACT-2026-115', at: '2026-11-21T16:05:00Z' },
  // IBAN known, no reference, a single open invoice of that amount.
  { cents: 90000, payer: 6, reference: null, at: '2026-11-20T07:55:00Z' },
  { cents: 62500, payer: 9, reference: 'Paiement octobre', at: '2026-11-22T10:10:00Z' },
  // Name only (new bank account, no IBAN known).
  { cents: 150000, payer: { name: 'PIXEL ET PLUME', iban: demoIban(97) }, reference: 'REGLEMENT', at: '2026-11-21T12:00:00Z' },
  { cents: 240000, payer: { name: 'STUDIO HORIZON SAS', iban: demoIban(98) }, reference: null, at: '2026-11-22T08:00:00Z' },
  // One transfer for several invoices.
  { cents: 127000, payer: 0, reference: 'FACT-2026-120 + 121', at: '2026-11-22T09:00:00Z' },
  { cents: 240000, payer: 5, reference: 'Factures novembre', at: '2026-11-23T09:30:00Z' },
  // Partial payment and short payment (bank fees).
  { cents: 100000, payer: 1, reference: 'Acompte FACT-2026-122', at: '2026-11-23T10:00:00Z' },
  { cents: 47850, payer: 4, reference: 'FACT-2026-114', at: '2026-11-17T15:00:00Z' },
  // Same amount as many invoices, nothing else to go on.
  { cents: 150000, payer: { name: 'M. DURAND PATRICK', iban: demoIban(99) }, reference: 'VIREMENT', at: '2026-11-23T11:00:00Z' },
  // Overpayment.
  { cents: 62000, payer: 3, reference: 'FACT-2026-123', at: '2026-11-23T12:00:00Z' },
  { cents: 99000, payer: 7, reference: null, at: '2026-11-23T13:00:00Z' },
  { cents: 150000, payer: 8, reference: 'Studio Horizon FACT-2026-129', at: '2026-11-23T14:00:00Z' },
  { cents: 31000, payer: 9, reference: 'FACT-2026-130', at: '2026-11-23T15:00:00Z' },
  { cents: 180000, payer: 2, reference: 'Atelier Verde - 2026-131', at: '2026-11-24T08:00:00Z' },
  { cents: 48000, payer: 4, reference: 'cafe olympe facture 126', at: '2026-11-24T08:30:00Z' },
  // Unrelated incomes.
  { cents: 12999, payer: { name: 'AMAZON PAYMENTS EUROPE', iban: 'LU280019400644750000' }, reference: 'Remboursement commande 402-7781', at: '2026-11-19T06:00:00Z' },
  { cents: 350000, payer: { name: 'URSSAF ILE DE FRANCE', iban: null }, reference: 'Régularisation cotisations', at: '2026-11-20T06:00:00Z' },
  { cents: 2500, payer: { name: 'QONTO', iban: null }, reference: 'Remboursement frais', at: '2026-11-21T06:00:00Z' },
  // Pending and declined ones.
  { cents: 150000, payer: 3, reference: 'FACT-2026-132', at: '2026-11-24T09:00:00Z', statut: 'PENDING' },
  { cents: 66000, payer: 8, reference: 'FACT-2026-138', at: '2026-11-24T09:10:00Z', statut: 'DECLINED' },
  { cents: 54000, payer: 6, reference: 'FACT-2026-145', at: '2026-11-24T09:20:00Z' },
  { cents: 210000, payer: 7, reference: 'Pixel et Plume FACT 2026-137', at: '2026-11-24T09:30:00Z' },
  { cents: 96000, payer: 4, reference: null, at: '2026-11-24T09:40:00Z' },
  // Debits (outgoing) are stored but never suggested.
  { cents: 150000, payer: { name: 'LOYER BUREAUX', iban: demoIban(90) }, reference: 'Loyer novembre', at: '2026-11-05T06:00:00Z', side: 'DEBIT' },
  { cents: 4900, payer: { name: 'ADOBE', iban: null }, reference: 'Creative Cloud', at: '2026-11-08T06:00:00Z', side: 'DEBIT' },
]

export const invoiceNumber = (n: number) => `FACT-2026-${String(n).padStart(3, '0')}`

/** Seeds the demo agency month when the database has no user yet; otherwise does nothing. */
export async function seedDemoData(prisma: PrismaClient, options: SeedOptions): Promise<SeedReport> {
  if ((await prisma.user.count()) > 0) return { seeded: false, clients: 0, invoices: 0, transactions: 0 }
  const [adminHash, readerHash] = await Promise.all([
    hashPassword(options.adminPassword),
    hashPassword(options.readerPassword ?? 'demo-lecture-2026'),
  ])
  return prisma.$transaction(async (tx) => {
    const admin = await tx.user.create({
      data: { email: options.adminEmail.toLowerCase(), nom: 'Maud', role: 'ADMIN', passwordHash: adminHash },
    })
    await tx.user.create({
      data: {
        email: (options.readerEmail ?? 'comptable@agence-glow.fr').toLowerCase(),
        nom: 'Cabinet comptable',
        role: 'LECTEUR',
        passwordHash: readerHash,
      },
    })
    const clients = await Promise.all(
      CLIENTS.map(([nom, emailContact], index) =>
        tx.marque.create({ data: { nom, emailContact, ibans: [demoIban(index)] } }),
      ),
    )
    const invoiceIds = new Map<number, string>()
    for (const invoice of INVOICES) {
      const created = await tx.document.create({
        data: {
          reference: invoiceNumber(invoice.n),
          type: 'FACTURE',
          montantTTC: centsToDecimalString(invoice.cents),
          statut: invoice.statut ?? 'ENVOYE',
          dateEmission: new Date(invoice.issued),
          dateEcheance: new Date(invoice.due),
          marqueId: clients[invoice.client]!.id,
        },
      })
      invoiceIds.set(invoice.n, created.id)
    }
    let seq = 0
    for (const credit of CREDITS) {
      seq += 1
      const payer =
        typeof credit.payer === 'number'
          ? { name: CLIENTS[credit.payer]![0].toUpperCase(), iban: demoIban(credit.payer) }
          : credit.payer
      const reconciled = credit.reconciled ?? []
      const transaction = await tx.transactionQonto.create({
        data: {
          qontoId: `demo-${String(seq).padStart(4, '0')}-0000-4000-8000-000000000000`,
          montant: centsToDecimalString(credit.cents),
          montantAlloue: reconciled.length > 0 ? centsToDecimalString(credit.cents) : '0',
          libelle: payer.name,
          reference: credit.reference,
          dateTransaction: new Date(credit.at),
          emetteur: payer.name,
          emetteurIban: payer.iban,
          statut: credit.statut ?? 'SETTLED',
          sens: credit.side ?? 'CREDIT',
          typeOperation: credit.side === 'DEBIT' ? 'transfer' : 'income',
          qontoUpdatedAt: new Date(credit.at),
          associe: reconciled.length > 0,
          factureId: reconciled.length === 1 ? invoiceIds.get(reconciled[0]!) : null,
        },
      })
      for (const n of reconciled) {
        const factureId = invoiceIds.get(n)!
        await tx.qontoAllocation.create({
          data: {
            transactionId: transaction.id,
            factureId,
            montant: centsToDecimalString(credit.cents),
            mode: 'SUGGESTION',
            score: 0.99,
            creeParId: admin.id,
            creePar: admin.email,
          },
        })
        await tx.document.update({
          where: { id: factureId },
          data: { montantPaye: centsToDecimalString(credit.cents), datePaiement: new Date(credit.at) },
        })
      }
    }
    return { seeded: true, clients: clients.length, invoices: INVOICES.length, transactions: CREDITS.length }
  })
}

/**
 * Production start: no demo data and no default password. Creates the first admin only when the
 * database has no user and ADMIN_EMAIL / ADMIN_PASSWORD were given explicitly.
 */
export async function ensureFirstAdmin(prisma: PrismaClient, email: string, password: string): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false
  await prisma.user.create({ data: { email: email.toLowerCase(), nom: 'Administrateur', role: 'ADMIN', passwordHash: await hashPassword(password) } })
  return true
}

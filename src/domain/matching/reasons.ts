/** The French sentences shown to the admin next to each suggestion. */
import { frenchDay } from '../dates.js'
import { formatEuros, type Cents } from '../money.js'
import type { OtherDocument } from './invoice-references.js'
import type { PartialWhy } from './reference-evidence.js'
import type { Reason } from './types.js'

const OTHER_DOCUMENT_LABELS: Record<OtherDocument, string> = {
  devis: "d'un devis",
  avoir: "d'un avoir",
  commande: "d'une commande (bon de commande)",
  contrat: "d'un contrat",
  client: "d'un numéro de client ou de dossier",
  livraison: "d'un bon de livraison",
  siret: "d'un SIREN/SIRET",
  iban: "d'un IBAN",
  date: "d'une date",
  telephone: "d'un numéro de téléphone",
  tva: "d'un numéro de TVA",
}


export const reason = {
  referenceFound: (number: string, where: 'référence' | 'libellé'): Reason => ({
    code: 'REFERENCE_FOUND',
    label: `Référence ${number} trouvée dans le ${where === 'référence' ? 'motif du virement' : 'libellé'}`,
  }),
  creditorReferenceFound: (number: string, where: 'référence' | 'libellé'): Reason => ({
    code: 'REFERENCE_RF',
    label: `Référence structurée RF de la facture ${number} (clé de contrôle vérifiée) trouvée dans le ${where === 'référence' ? 'motif du virement' : 'libellé'}`,
  }),
  shortReferenceFound: (number: string): Reason => ({
    code: 'SHORT_REFERENCE_FOUND',
    label: `Numéro abrégé de la facture ${number} trouvé dans le motif`,
  }),
  referencePartial: (number: string, shown: string, why: PartialWhy): Reason => ({
    code: 'REFERENCE_PARTIAL',
    label: {
      'digits-only': `Chiffres ${shown} de la facture ${number} trouvés sans son préfixe : à vérifier`,
      'short-number': `Numéro court ${shown} : ne suffit pas à désigner la facture ${number} sans son préfixe`,
      ocr: `Numéro ${shown} lu approximativement (lettres prises pour des chiffres), proche de la facture ${number}`,
      inside: `Chiffres de la facture ${number} trouvés à l'intérieur d'un nombre plus long (${shown})`,
      'rf-invalid': `Référence structurée ${shown} proche de celle de la facture ${number}, mais sa clé de contrôle est fausse : à vérifier`,
    }[why],
  }),
  referenceOtherDocument: (number: string, shown: string, what: OtherDocument): Reason => ({
    code: 'REFERENCE_OTHER_DOCUMENT',
    label: `Le numéro ${shown} du virement est celui ${OTHER_DOCUMENT_LABELS[what]}, pas de la facture ${number} : jamais appliqué automatiquement`,
  }),
  clientIban: (client: string): Reason => ({ code: 'CLIENT_IBAN', label: `IBAN connu du client ${client}` }),
  clientName: (client: string, similarity: number): Reason => ({
    code: 'CLIENT_NAME',
    label: `Nom de l'émetteur proche du client ${client} (${similarity} %)`,
  }),
  clientHistory: (client: string): Reason => ({
    code: 'CLIENT_HISTORY',
    label: `Émetteur déjà rapproché du client ${client} par le passé`,
  }),
  clientMismatch: (invoiceClient: string, payerClient: string): Reason => ({
    code: 'CLIENT_MISMATCH',
    label: `Facture du client ${invoiceClient}, mais le payeur semble être ${payerClient}`,
  }),
  amountExact: (cents: Cents): Reason => ({ code: 'AMOUNT_EXACT', label: `Montant identique (${formatEuros(cents)})` }),
  amountShortFees: (gap: Cents): Reason => ({
    code: 'AMOUNT_SHORT_FEES',
    label: `Écart de ${formatEuros(gap)} : frais bancaires probables`,
  }),
  amountUsualShortfall: (gap: Cents): Reason => ({
    code: 'AMOUNT_USUAL_SHORTFALL',
    label: `Écart de ${formatEuros(gap)} : l'écart habituel de ce payeur (appris de ses paiements confirmés)`,
  }),
  amountPartial: (remaining: Cents): Reason => ({
    code: 'AMOUNT_PARTIAL',
    label: `Paiement partiel : reste ${formatEuros(remaining)}`,
  }),
  amountOverpaid: (excess: Cents): Reason => ({
    code: 'AMOUNT_OVERPAID',
    label: `Trop-perçu de ${formatEuros(excess)} laissé non affecté`,
  }),
  amountGroupExact: (count: number, cents: Cents): Reason => ({
    code: 'AMOUNT_GROUP_EXACT',
    label: `Total de ${count} factures égal au montant (${formatEuros(cents)})`,
  }),
  amountOnly: (): Reason => ({ code: 'AMOUNT_ONLY', label: 'Seul le montant correspond : à vérifier' }),
  sameAmountElsewhere: (others: number): Reason => ({
    code: 'SAME_AMOUNT_ELSEWHERE',
    label: `${others} autre${others > 1 ? 's' : ''} facture${others > 1 ? 's' : ''} ouverte${others > 1 ? 's' : ''} du même montant`,
  }),
  dateBeforeIssue: (issueDate: string): Reason => ({
    code: 'DATE_BEFORE_ISSUE',
    label: `Paiement reçu avant l'émission de la facture (${frenchDay(issueDate)})`,
  }),
  oldestOpen: (): Reason => ({ code: 'OLDEST_OPEN', label: 'Ce sont les factures ouvertes les plus anciennes du client' }),
  clientLearned: (client: string, by: 'iban' | 'name', learnedOn: string): Reason => ({
    code: 'CLIENT_LEARNED',
    label: `${by === 'iban' ? "IBAN de l'émetteur" : 'Émetteur'} reconnu comme payeur du client ${client} : appris de votre rapprochement du ${frenchDay(learnedOn)}`,
  }),
  referenceHabit: (number: string, shown: string, example: string, learnedOn: string): Reason => ({
    code: 'REFERENCE_HABIT',
    label: `${shown} : la facture ${number} écrite comme ce payeur l'écrit (« ${example} », appris de votre rapprochement du ${frenchDay(learnedOn)})`,
  }),
}

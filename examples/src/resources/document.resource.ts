import type { FeatureType } from 'adminjs'
import { readForAllWriteForAdmins } from '../admin/access.js'
import { NAV_FACTURATION, euroProperty, type ResourceDeps } from './common.js'
import { protectPaymentFields, refuseDeletingPaidInvoices } from './document-invariants.hook.js'
import { normalizeEuroAmounts } from './euro-amount.hook.js'

/** The host's invoices; `features` carries qonto-reconcile's invoice feature (payments, "Rapprocher un paiement"). */
export function createDocumentResource(deps: ResourceDeps, features: FeatureType[] = []) {
  const resource = deps.frenchResource('Document', {
      id: 'Document',
      navigation: NAV_FACTURATION,
      sort: { sortBy: 'dateEmission', direction: 'desc' as const },
      listProperties: ['reference', 'marque', 'montantTTC', 'montantPaye', 'statut', 'dateEmission', 'dateEcheance'],
      filterProperties: ['reference', 'marque', 'type', 'statut', 'dateEmission', 'dateEcheance', 'datePaiement'],
      showProperties: [
        'reference', 'type', 'marque', 'montantTTC', 'montantPaye', 'devise', 'statut',
        'dateEmission', 'dateEcheance', 'datePaiement', 'createdAt', 'updatedAt',
        // qonto-reconcile's invoice feature: the Qonto payments of this invoice.
        'paiementsQonto',
      ],
      editProperties: ['reference', 'type', 'marque', 'montantTTC', 'devise', 'statut', 'dateEmission', 'dateEcheance'],
      properties: {
        reference: { isTitle: true },
        montantTTC: euroProperty,
        montantPaye: { ...euroProperty, isDisabled: true },
        id: { isVisible: false },
      },
      actions: {
        ...readForAllWriteForAdmins,
        new: { ...readForAllWriteForAdmins.new, before: [normalizeEuroAmounts('montantTTC'), protectPaymentFields] },
        edit: { ...readForAllWriteForAdmins.edit, before: [normalizeEuroAmounts('montantTTC'), protectPaymentFields] },
        delete: { ...readForAllWriteForAdmins.delete, before: refuseDeletingPaidInvoices(deps.prisma) },
        bulkDelete: { ...readForAllWriteForAdmins.bulkDelete, before: refuseDeletingPaidInvoices(deps.prisma) },
      },
      translations: {
        fr: {
          labels: { Document: 'Factures' },
          actions: { list: 'Factures', show: 'Détail de la facture', edit: 'Modifier la facture', new: 'Nouvelle facture' },
          properties: {
            reference: 'Numéro',
            type: 'Type',
            'type.FACTURE': 'Facture',
            'type.AVOIR': 'Avoir',
            'type.DEVIS': 'Devis',
            marque: 'Client',
            montantTTC: 'Montant TTC',
            montantPaye: 'Montant payé',
            devise: 'Devise',
            statut: 'Statut',
            'statut.BROUILLON': 'Brouillon',
            'statut.ENVOYE': 'Envoyée',
            'statut.EN_ATTENTE': 'En attente',
            'statut.PARTIELLEMENT_PAYE': 'Partiellement payée',
            'statut.PAYE': 'Payée',
            'statut.ANNULE': 'Annulée',
            dateEmission: "Date d'émission",
            dateEcheance: "Date d'échéance",
            datePaiement: 'Date de paiement',
            createdAt: 'Créée le',
            updatedAt: 'Modifiée le',
          },
        },
      },
  })
  return { ...resource, features }
}

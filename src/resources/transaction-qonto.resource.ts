import { readOnlyForEveryone } from '../admin/access.js'
import { NAV_RAPPROCHEMENT, euroProperty, frenchPrismaResource, type ResourceDeps } from './common.js'

export function createTransactionQontoResource(deps: ResourceDeps, customActions: Record<string, object> = {}) {
  return frenchPrismaResource(deps, 'TransactionQonto', {
      id: 'TransactionQonto',
      navigation: NAV_RAPPROCHEMENT,
      sort: { sortBy: 'dateTransaction', direction: 'desc' as const },
      listProperties: ['dateTransaction', 'montant', 'emetteur', 'reference', 'statut', 'associe', 'aVerifier', 'compteBancaireId'],
      filterProperties: ['dateTransaction', 'emetteur', 'emetteurIban', 'reference', 'statut', 'sens', 'associe', 'aVerifier', 'montant', 'compteBancaireId'],
      showProperties: [
        'dateTransaction', 'montant', 'montantAlloue', 'devise', 'sens', 'statut', 'typeOperation',
        'emetteur', 'emetteurIban', 'emetteurBic', 'libelle', 'reference', 'note',
        'associe', 'aVerifier', 'facture', 'qontoId', 'compteBancaireId', 'qontoUpdatedAt', 'createdAt', 'updatedAt',
      ],
      properties: {
        montant: euroProperty,
        montantAlloue: euroProperty,
        metadata: { isVisible: false },
        id: { isVisible: false },
        emetteurCle: { isVisible: false },
        // The host's invoice resource, whatever its id (@adminjs/prisma would name it after the model).
        facture: { reference: deps.ctx.invoices.mapping.resourceId },
        // The Qonto account it was paid into, by its name (QontoBankAccount's id is Qonto's account id).
        compteBancaireId: { reference: 'QontoBankAccount' },
      },
      actions: { ...readOnlyForEveryone, ...customActions },
      translations: {
        fr: {
          labels: { TransactionQonto: 'Transactions Qonto' },
          actions: {
            associer: 'Associer',
            dissocier: 'Dissocier',
            rapprocherAutomatiquement: 'Rapprocher automatiquement',
            rapprocherTout: 'Tout rapprocher automatiquement',
            synchroniserQonto: 'Synchroniser Qonto',
            exporter: 'Exporter',
          },
          properties: {
            dateTransaction: 'Date',
            montant: 'Montant',
            montantAlloue: 'Montant rapproché',
            devise: 'Devise',
            sens: 'Sens',
            'sens.CREDIT': 'Crédit',
            'sens.DEBIT': 'Débit',
            statut: 'Statut',
            'statut.PENDING': 'En cours',
            'statut.SETTLED': 'Exécutée',
            'statut.DECLINED': 'Refusée',
            'statut.REVERSED': 'Annulée par la banque',
            typeOperation: "Type d'opération",
            emetteur: 'Émetteur',
            emetteurIban: 'IBAN émetteur',
            emetteurBic: 'BIC émetteur',
            libelle: 'Libellé',
            reference: 'Référence du virement',
            note: 'Note Qonto',
            associe: 'Rapprochée',
            aVerifier: 'À vérifier',
            facture: 'Facture',
            qontoId: 'Identifiant Qonto',
            compteBancaireId: 'Compte bancaire',
            qontoUpdatedAt: 'Mise à jour Qonto',
            createdAt: 'Importée le',
            updatedAt: 'Modifiée le',
          },
        },
      },
  })
}

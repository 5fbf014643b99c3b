import type { ActionRequest } from 'adminjs'
import { readOnlyForEveryone } from '../admin/access.js'
import { NAV_RAPPROCHEMENT, euroProperty, frenchPrismaResource, type ResourceDeps } from './common.js'

export function createTransactionQontoResource(deps: ResourceDeps, customActions: Record<string, object> = {}) {
  return frenchPrismaResource(deps, 'TransactionQonto', {
      id: 'TransactionQonto',
      navigation: NAV_RAPPROCHEMENT,
      sort: { sortBy: 'dateTransaction', direction: 'desc' as const },
      listProperties: ['dateTransaction', 'montant', 'emetteur', 'reference', 'statut', 'associe', 'aVerifier', 'associerEnUnClic'],
      filterProperties: ['aRapprocher', 'dateTransaction', 'emetteur', 'emetteurIban', 'reference', 'statut', 'sens', 'associe', 'aVerifier', 'montant'],
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
        // "Associer" one click from the list (virtual: only where the server offers the action).
        associerEnUnClic: { type: 'string', isSortable: false, isVisible: { list: true, show: false, edit: false, filter: false }, components: { list: deps.components.QueueLink } },
        // The "à rapprocher" filter (virtual: the list's before hook turns it into the stored columns).
        aRapprocher: { type: 'boolean', isSortable: false, isVisible: { list: false, show: false, edit: false, filter: true } },
      },
      actions: { ...readOnlyForEveryone, list: { ...readOnlyForEveryone.list, before: toReconcileFilter }, ...customActions },
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
            associerEnUnClic: ' ',
            aRapprocher: 'À rapprocher',
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

/**
 * "À rapprocher: Oui" in the list's filters: a settled credit not fully reconciled (the dashboard's
 * predicate, except the "ignored" category, which AdminJS's filters cannot express as IS NULL; the
 * dashboard's queue has the exact set). "Non" is no filter. Any other value is dropped.
 */
export function toReconcileFilter(request: ActionRequest): ActionRequest {
  const query = { ...(request.query ?? {}) } as Record<string, string>
  const value = query['filters.aRapprocher']
  if (value === undefined) return request
  delete query['filters.aRapprocher']
  if (value === 'true') Object.assign(query, { 'filters.associe': 'false', 'filters.sens': 'CREDIT', 'filters.statut': 'SETTLED' })
  return { ...request, query }
}

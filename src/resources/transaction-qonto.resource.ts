import type { ActionRequest, ActionResponse } from 'adminjs'
import { readOnlyForEveryone } from '../admin/access.js'
import { paymentExplanation } from '../reconcile/payment-links.service.js'
import { NAV_RAPPROCHEMENT, euroProperty, frenchPrismaResource, type ResourceDeps } from './common.js'
import { ENGLISH_RESOURCE_LABELS } from '../admin/locale/en-resources.js'
import { bankAccountColumn } from './bank-account-column.js'
import { linkTitlesAfter } from './links.js'

export function createTransactionQontoResource(deps: ResourceDeps, customActions: Record<string, object> = {}) {
  // The show page lists the payment's invoices (or why it is ignored): computed here, shown by PaymentInvoices.
  // Its invoice by the mapping's number field (invoices.fields.number), linked: AdminJS would title the
  // reference by the host resource's title property, the id on a host without a title field (« Facture : 1 »).
  const invoiceNumber = linkTitlesAfter(deps.ctx, { invoice: { from: 'facture', to: 'factureRef' }, actors: ['ignorePar'] })
  const withInvoices = async (response: ActionResponse): Promise<ActionResponse> => {
    await invoiceNumber(response)
    if (response.record) response.record.params.facturesAssociees = JSON.stringify(await paymentExplanation(deps.ctx, String(response.record.id)))
    return response
  }
  // The bank-account column only when several reconciled accounts have payments (bank-account-column.ts).
  const column = bankAccountColumn(deps.ctx, 'TransactionQonto', LIST_COLUMNS)
  const listBefore = async (request: ActionRequest) => {
    await column.refresh()
    return toReconcileFilter(request)
  }
  const resource = frenchPrismaResource(deps, 'TransactionQonto', {
      id: 'TransactionQonto',
      navigation: NAV_RAPPROCHEMENT,
      sort: { sortBy: 'dateTransaction', direction: 'desc' as const },
      // The bank-account column is added by `column` when it tells something (its filter and record page keep it).
      listProperties: [...LIST_COLUMNS],
      filterProperties: ['aRapprocher', 'dateTransaction', 'emetteur', 'emetteurIban', 'reference', 'statut', 'sens', 'associe', 'aVerifier', 'montant', 'compteBancaireId'],
      showProperties: [
        'dateTransaction', 'montant', 'montantAlloue', 'facturesAssociees', 'devise', 'sens', 'statut', 'typeOperation',
        'emetteur', 'emetteurIban', 'emetteurBic', 'libelle', 'reference', 'note',
        'associe', 'aVerifier', 'ignoreCategorie', 'ignoreNote', 'factureRef', 'qontoId', 'compteBancaireId', 'qontoUpdatedAt', 'createdAt', 'updatedAt',
      ],
      properties: {
        montant: euroProperty,
        montantAlloue: euroProperty,
        // One line in lists, cut with "…" and the whole text in a title.
        emetteur: { components: { list: deps.components.EllipsisValue } },
        reference: { components: { list: deps.components.EllipsisValue } },
        metadata: { isVisible: false },
        id: { isVisible: false },
        emetteurCle: { isVisible: false },
        // The host's invoice resource, whatever its id (@adminjs/prisma would name it after the model).
        facture: { reference: deps.ctx.invoices.mapping.resourceId },
        factureRef: { type: 'string' as const, isSortable: false, isVisible: { list: false, filter: false, edit: false, show: true }, components: { show: deps.components.LinkValue } },
        // The Qonto account it was paid into, by its name (QontoBankAccount's id is Qonto's account id).
        compteBancaireId: { reference: 'QontoBankAccount' },
        facturesAssociees: {
          type: 'string' as const,
          isVisible: { list: false, filter: false, edit: false, show: true },
          components: { show: deps.components.PaymentInvoices },
        },
        ignoreLe: { isVisible: false },
        ignorePar: { isVisible: false },
        regle: { isVisible: false },
        // "Associer" one click from the list (virtual: only where the server offers the action).
        associerEnUnClic: { type: 'string', isSortable: false, isVisible: { list: true, show: false, edit: false, filter: false }, components: { list: deps.components.QueueLink } },
        // The "à rapprocher" filter (virtual: the list's before hook turns it into the stored columns).
        aRapprocher: { type: 'boolean', isSortable: false, isVisible: { list: false, show: false, edit: false, filter: true } },
      },
      actions: onePaymentPagesWithoutBulk({
        ...readOnlyForEveryone,
        list: { ...readOnlyForEveryone.list, before: listBefore },
        show: { ...readOnlyForEveryone.show, after: withInvoices },
        ...customActions,
      }),
      translations: {
        en: ENGLISH_RESOURCE_LABELS.TransactionQonto!,
        fr: {
          labels: { TransactionQonto: 'Transactions Qonto' },
          actions: {
            show: 'Détail du paiement',
            associer: 'Associer',
            dissocier: 'Dissocier',
            rapprocherAutomatiquement: 'Rapprocher automatiquement',
            rapprocherTout: 'Tout rapprocher automatiquement',
            synchroniserQonto: 'Synchroniser Qonto',
            exporter: 'Exporter',
            ignorer: 'Ignorer (hors facture)',
            retablir: 'Rétablir',
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
            // Qonto's operation types (an open list: an unknown one is shown as Qonto wrote it).
            'typeOperation.income': 'Virement reçu',
            'typeOperation.swift_income': 'Virement international reçu',
            'typeOperation.transfer': 'Virement émis',
            'typeOperation.card': 'Carte',
            'typeOperation.direct_debit': 'Prélèvement',
            'typeOperation.direct_debit_collection': 'Prélèvement encaissé',
            'typeOperation.direct_debit_hold': 'Prélèvement retenu',
            'typeOperation.qonto_fee': 'Frais Qonto',
            'typeOperation.cheque': 'Chèque',
            'typeOperation.recall': 'Rappel de virement',
            'typeOperation.card_acquirer_payout': 'Versement des paiements par carte',
            'typeOperation.pay_later': 'Paiement différé',
            'typeOperation.financing_installment': 'Échéance de financement',
            'typeOperation.account_remuneration': 'Rémunération du compte',
            'typeOperation.investment': 'Placement',
            'typeOperation.other': 'Autre',
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
            factureRef: 'Facture',
            qontoId: 'Identifiant Qonto',
            compteBancaireId: 'Compte bancaire',
            qontoUpdatedAt: 'Mise à jour Qonto',
            createdAt: 'Importée le',
            updatedAt: 'Modifiée le',
            facturesAssociees: 'Factures',
            ignoreCategorie: 'Hors facture',
            'ignoreCategorie.REMBOURSEMENT': 'Remboursement',
            'ignoreCategorie.VIREMENT_INTERNE': 'Virement interne',
            'ignoreCategorie.APPORT': 'Apport (associé, capital)',
            'ignoreCategorie.SUBVENTION': 'Subvention',
            'ignoreCategorie.FRAIS_COMMISSION': 'Frais / commission',
            'ignoreCategorie.AUTRE': 'Autre',
            ignoreNote: 'Note (hors facture)',
            ignoreLe: 'Ignorée le',
            ignorePar: 'Ignorée par',
            regle: 'Règle',
          },
        },
      },
  })
  return { ...resource, features: [column.feature] }
}

const LIST_COLUMNS = ['dateTransaction', 'montant', 'emetteur', 'reference', 'statut', 'associe', 'aVerifier', 'associerEnUnClic'] as const

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

/**
 * A single payment's pages (its record page and its record actions) do not offer the resource's
 * bulk actions ("Tout rapprocher automatiquement", "Exporter"…): AdminJS shows them in every
 * action's header unless told not to. The dashboard and the list keep them.
 */
function onePaymentPagesWithoutBulk(actions: Record<string, object>): Record<string, object> {
  const single = (name: string, action: object) => name === 'show' || (action as { actionType?: string }).actionType === 'record'
  return Object.fromEntries(Object.entries(actions).map(([name, action]) => [name, single(name, action) ? { ...action, showResourceActions: false } : action]))
}

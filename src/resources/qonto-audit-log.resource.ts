import { readOnlyForEveryone } from '../admin/access.js'
import { auditActionKeys } from '../i18n/reconcile-texts.js'
import { NAV_RAPPROCHEMENT, frenchPrismaResource, type ResourceDeps } from './common.js'
import { ENGLISH_RESOURCE_LABELS } from '../admin/locale/en-resources.js'
import { linkTitlesAfter } from './links.js'

export function createAuditLogResource(deps: ResourceDeps) {
  const link = { type: 'string' as const, isSortable: false, components: { list: deps.components.LinkValue, show: deps.components.LinkValue } }
  const virtual = { isVisible: { list: true, show: true, filter: false, edit: false } }
  const after = linkTitlesAfter(deps.ctx, {
    payment: { from: 'transactionId', to: 'paiement' },
    invoice: { from: 'factureId', to: 'factureRef' },
    actors: ['acteur'],
  })
  return frenchPrismaResource(deps, 'QontoAuditLog', {
      id: 'QontoAuditLog',
      navigation: NAV_RAPPROCHEMENT,
      sort: { sortBy: 'date', direction: 'desc' as const },
      listProperties: ['date', 'acteur', 'action', 'automatique', 'paiement', 'factureRef'],
      filterProperties: ['date', 'action', 'automatique', 'acteur', 'transactionId', 'factureId'],
      showProperties: ['date', 'acteur', 'action', 'automatique', 'paiement', 'factureRef', 'avant', 'apres', 'details'],
      properties: {
        id: { isVisible: false },
        userId: { isVisible: false },
        // Codes in words, in the panel's language (the `action.<CODE>` keys below; a select in the filter too).
        action: { isTitle: true },
        paiement: { ...link, ...virtual },
        factureRef: { ...link, ...virtual },
        avant: { components: { show: deps.components.JsonView } },
        apres: { components: { show: deps.components.JsonView } },
        details: { components: { show: deps.components.JsonView } },
      },
      actions: {
        ...readOnlyForEveryone,
        list: { ...readOnlyForEveryone.list, after },
        show: { ...readOnlyForEveryone.show, after },
      },
      translations: {
        en: ENGLISH_RESOURCE_LABELS.QontoAuditLog!,
        fr: {
          labels: { QontoAuditLog: "Journal d'audit" },
          properties: {
            date: 'Date', acteur: 'Acteur', userId: 'Utilisateur', action: 'Action', automatique: 'Automatique',
            transactionId: 'Paiement (identifiant)', factureId: 'Facture (identifiant)', paiement: 'Paiement', factureRef: 'Facture',
            avant: 'Avant', apres: 'Après', details: 'Détails',
            ...auditActionKeys('fr'),
          },
        },
      },
  })
}

import { readOnlyForEveryone } from '../admin/access.js'
import { NAV_RAPPROCHEMENT, euroProperty, frenchPrismaResource, type ResourceDeps } from './common.js'

export function createAllocationResource(deps: ResourceDeps) {
  return frenchPrismaResource(deps, 'QontoAllocation', {
      id: 'QontoAllocation',
      navigation: NAV_RAPPROCHEMENT,
      sort: { sortBy: 'createdAt', direction: 'desc' as const },
      listProperties: ['createdAt', 'transaction', 'facture', 'montant', 'mode', 'creePar'],
      filterProperties: ['createdAt', 'transaction', 'facture', 'mode', 'creePar'],
      showProperties: ['createdAt', 'transaction', 'facture', 'montant', 'mode', 'score', 'creePar'],
      properties: {
        montant: euroProperty,
        id: { isVisible: false },
        raisons: { isVisible: false },
        creeParId: { isVisible: false },
        facture: { reference: deps.ctx.invoices.mapping.resourceId },
      },
      actions: { ...readOnlyForEveryone },
      translations: {
        fr: {
          labels: { QontoAllocation: 'Rapprochements' },
          properties: {
            createdAt: 'Date',
            transaction: 'Transaction',
            facture: 'Facture',
            montant: 'Montant affecté',
            mode: 'Mode',
            'mode.MANUEL': 'Manuel',
            'mode.SUGGESTION': 'Suggestion acceptée',
            'mode.AUTOMATIQUE': 'Automatique',
            score: 'Score',
            creePar: 'Par',
          },
        },
      },
  })
}

import { readOnlyForEveryone } from '../admin/access.js'
import { NAV_RAPPROCHEMENT, euroProperty, frenchPrismaResource, type ResourceDeps } from './common.js'

export function createAllocationResource(deps: ResourceDeps) {
  return frenchPrismaResource(deps, 'Allocation', {
      id: 'Allocation',
      navigation: NAV_RAPPROCHEMENT,
      sort: { sortBy: 'createdAt', direction: 'desc' as const },
      listProperties: ['createdAt', 'transaction', 'document', 'montant', 'mode', 'creePar'],
      filterProperties: ['createdAt', 'transaction', 'document', 'mode', 'creePar'],
      showProperties: ['createdAt', 'transaction', 'document', 'montant', 'mode', 'score', 'creePar'],
      properties: { montant: euroProperty, id: { isVisible: false }, raisons: { isVisible: false } },
      actions: { ...readOnlyForEveryone },
      translations: {
        fr: {
          labels: { Allocation: 'Rapprochements' },
          properties: {
            createdAt: 'Date',
            transaction: 'Transaction',
            document: 'Facture',
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

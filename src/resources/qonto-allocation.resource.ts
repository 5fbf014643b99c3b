import { readOnlyForEveryone } from '../admin/access.js'
import { NAV_RAPPROCHEMENT, euroProperty, frenchPrismaResource, type ResourceDeps } from './common.js'
import { ENGLISH_RESOURCE_LABELS } from '../admin/locale/en-resources.js'
import { linkTitlesAfter } from './links.js'
import { decimalIn } from '../domain/numbers.js'

export function createAllocationResource(deps: ResourceDeps) {
  const link = { type: 'string' as const, isSortable: false, components: { list: deps.components.LinkValue, show: deps.components.LinkValue } }
  const virtual = { isVisible: { list: true, show: true, filter: false, edit: false } }
  // The payment and the invoice in words, linked; the score as a percentage.
  const after = linkTitlesAfter(deps.ctx, {
    payment: { from: 'transaction', to: 'paiement' },
    invoice: { from: 'facture', to: 'factureRef' },
    // The matcher's raw score, not the confidence shown on suggestions (that one is placed in its tier's band).
    extra: (params) => ({ scorePourcent: typeof params.score === 'number' ? decimalIn(deps.language?.current ?? 'fr', params.score) : '' }),
    title: 'paiement',
    actors: ['creePar'],
  })
  return frenchPrismaResource(deps, 'QontoAllocation', {
      id: 'QontoAllocation',
      navigation: NAV_RAPPROCHEMENT,
      sort: { sortBy: 'createdAt', direction: 'desc' as const },
      listProperties: ['createdAt', 'paiement', 'factureRef', 'montant', 'ecart', 'mode', 'creePar'],
      filterProperties: ['createdAt', 'transaction', 'facture', 'mode', 'ecartMotif', 'creePar'],
      showProperties: ['createdAt', 'paiement', 'factureRef', 'montant', 'ecart', 'ecartMotif', 'ecartCompte', 'mode', 'scorePourcent', 'raisons', 'creePar'],
      properties: {
        montant: euroProperty,
        ecart: euroProperty,
        id: { isVisible: false },
        creeParId: { isVisible: false },
        raisons: { isVisible: { list: false, filter: false, edit: false, show: true }, components: { show: deps.components.JsonView } },
        facture: { reference: deps.ctx.invoices.mapping.resourceId },
        paiement: { ...link, ...virtual },
        // A stored column: AdminJS's search filters on the title property in SQL (the payment's words are set as the title by the hook).
        creePar: { isTitle: true },
        factureRef: { ...link, ...virtual },
        scorePourcent: { type: 'string' as const, isVisible: { list: false, show: true, filter: false, edit: false } },
      },
      actions: {
        ...readOnlyForEveryone,
        list: { ...readOnlyForEveryone.list, after },
        show: { ...readOnlyForEveryone.show, after },
      },
      translations: {
        en: ENGLISH_RESOURCE_LABELS.QontoAllocation!,
        fr: {
          labels: { QontoAllocation: 'Rapprochements' },
          properties: {
            createdAt: 'Date',
            transaction: 'Paiement',
            paiement: 'Paiement',
            facture: 'Facture',
            factureRef: 'Facture',
            montant: 'Montant affecté',
            ecart: 'Écart',
            ecartMotif: "Motif de l'écart",
            'ecartMotif.FRAIS_BANCAIRES': 'Frais bancaires',
            'ecartMotif.ARRONDI': 'Arrondi',
            'ecartMotif.AUTRE': 'Autre',
            ecartCompte: "Compte d'écart",
            mode: 'Mode',
            'mode.MANUEL': 'Manuel',
            'mode.SUGGESTION': 'Suggestion acceptée',
            'mode.AUTOMATIQUE': 'Automatique',
            score: 'Score',
            scorePourcent: "Score brut de l'algorithme (0 à 1)",
            raisons: 'Raisons',
            creePar: 'Par',
          },
        },
      },
  })
}

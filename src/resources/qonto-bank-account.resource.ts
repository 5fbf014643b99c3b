import { readOnlyForEveryone } from '../admin/access.js'
import { euroProperty, frenchPrismaResource, type ResourceDeps } from './common.js'
import { ENGLISH_RESOURCE_LABELS } from '../admin/locale/en-resources.js'

/**
 * The organisation's Qonto accounts, read-only in AdminJS (the reference of each payment's account,
 * its filter); Maud chooses them on the "Comptes bancaires" screen, through the `comptesBancaires` action.
 */
export function createBankAccountResource(deps: ResourceDeps, customActions: Record<string, object> = {}) {
  return frenchPrismaResource(deps, 'QontoBankAccount', {
    id: 'QontoBankAccount',
    // Not in the menu: reached from each payment's account and the "Comptes bancaires" screen.
    navigation: false,
    titleProperty: 'name',
    sort: { sortBy: 'name', direction: 'asc' as const },
    listProperties: ['name', 'iban', 'currency', 'status', 'main', 'reconcile', 'fecBankAccount', 'balance'],
    filterProperties: ['name', 'iban', 'currency', 'status', 'reconcile'],
    showProperties: ['name', 'iban', 'currency', 'status', 'main', 'reconcile', 'fecBankAccount', 'balance', 'lastSeenAt', 'id'],
    properties: { balance: euroProperty },
    actions: { ...readOnlyForEveryone, ...customActions },
    translations: {
      en: ENGLISH_RESOURCE_LABELS.QontoBankAccount!,
      fr: {
        labels: { QontoBankAccount: 'Comptes Qonto' },
        actions: { comptesBancaires: 'Comptes bancaires', santeFlux: 'Santé du flux Qonto' },
        properties: {
          id: 'Identifiant Qonto', name: 'Nom', iban: 'IBAN', currency: 'Devise', status: 'Statut', main: 'Compte principal',
          reconcile: 'Rapproché', fecBankAccount: 'Compte FEC', balance: 'Solde', lastSeenAt: 'Vu chez Qonto le',
        },
      },
    },
  })
}

import { readForAllWriteForAdmins } from '../admin/access.js'
import { normalizeMarqueIbans } from './marque-ibans.hook.js'
import { NAV_FACTURATION, type ResourceDeps } from './common.js'

export function createMarqueResource(deps: ResourceDeps) {
  return deps.frenchResource('Marque', {
      id: 'Marque',
      navigation: NAV_FACTURATION,
      sort: { sortBy: 'nom', direction: 'asc' as const },
      listProperties: ['nom', 'emailContact', 'ibans'],
      filterProperties: ['nom', 'emailContact'],
      showProperties: ['nom', 'emailContact', 'ibans', 'createdAt', 'updatedAt'],
      editProperties: ['nom', 'emailContact', 'ibans'],
      properties: {
        nom: { isTitle: true },
        id: { isVisible: false },
        // The Prisma adapter does not say a String[] is a list (nor that it may be empty): the edit
        // form showed one empty required field. AdminJS lists an array as nothing at all: one per line.
        ibans: { type: 'string', isArray: true, isRequired: false, components: { list: deps.hostComponents.IbanList, show: deps.hostComponents.IbanList } },
      },
      actions: {
        ...readForAllWriteForAdmins,
        new: { ...readForAllWriteForAdmins.new, before: normalizeMarqueIbans },
        edit: { ...readForAllWriteForAdmins.edit, before: normalizeMarqueIbans },
      },
      translations: {
        fr: {
          labels: { Marque: 'Clients' },
          actions: { list: 'Clients', show: 'Fiche client', edit: 'Modifier le client', new: 'Nouveau client' },
          properties: {
            nom: 'Nom',
            emailContact: 'E-mail de contact',
            ibans: 'IBAN connus',
            createdAt: 'Créé le',
            updatedAt: 'Modifié le',
          },
        },
      },
  })
}

import { ValidationError, type ActionRequest } from 'adminjs'
import { adminsOnly } from '../admin/access.js'
import { hashPassword } from '../passwords.js'
import { NAV_ADMINISTRATION, type ResourceDeps } from './common.js'

const MIN_PASSWORD_LENGTH = 10

/** Turns the virtual `motDePasse` field into `passwordHash`; the hash itself is never shown nor editable. */
async function hashPasswordPayload(request: ActionRequest): Promise<ActionRequest> {
  if (request.method !== 'post' || !request.payload) return request
  const { motDePasse, passwordHash: _ignored, ...payload } = request.payload as Record<string, unknown>
  const isNew = request.params.action === 'new'
  if (typeof motDePasse === 'string' && motDePasse.length > 0) {
    if (motDePasse.length < MIN_PASSWORD_LENGTH) {
      throw new ValidationError({
        motDePasse: { message: `Au moins ${MIN_PASSWORD_LENGTH} caractères` },
      })
    }
    return { ...request, payload: { ...payload, passwordHash: await hashPassword(motDePasse) } }
  }
  if (isNew) throw new ValidationError({ motDePasse: { message: 'Mot de passe obligatoire' } })
  return { ...request, payload }
}

export function createUserResource(deps: ResourceDeps) {
  return deps.frenchResource('User', {
      id: 'User',
      navigation: NAV_ADMINISTRATION,
      listProperties: ['email', 'nom', 'role', 'actif'],
      filterProperties: ['email', 'nom', 'role', 'actif'],
      showProperties: ['email', 'nom', 'role', 'actif', 'createdAt', 'updatedAt'],
      editProperties: ['email', 'nom', 'role', 'actif', 'motDePasse'],
      properties: {
        email: { isTitle: true },
        // Never sent at all: the adapter drops it from every record (admin/admin.ts, SecretFreeResource).
        passwordHash: { isVisible: false },
        motDePasse: { type: 'password' as const, isVisible: { list: false, show: false, filter: false, edit: true } },
        id: { isVisible: false },
      },
      actions: {
        list: { ...adminsOnly.list },
        show: { ...adminsOnly.show },
        search: { ...adminsOnly.search },
        new: { ...adminsOnly.new, before: hashPasswordPayload },
        edit: { ...adminsOnly.edit, before: hashPasswordPayload },
        delete: { ...adminsOnly.delete },
        bulkDelete: { ...adminsOnly.bulkDelete },
      },
      translations: {
        fr: {
          labels: { User: 'Utilisateurs' },
          actions: { list: 'Utilisateurs', show: 'Fiche utilisateur', edit: "Modifier l'utilisateur", new: 'Nouvel utilisateur' },
          properties: {
            email: 'E-mail',
            nom: 'Nom',
            role: 'Rôle',
            'role.ADMIN': 'Administrateur',
            'role.LECTEUR': 'Lecture seule',
            actif: 'Actif',
            motDePasse: 'Nouveau mot de passe',
            createdAt: 'Créé le',
            updatedAt: 'Modifié le',
          },
        },
      },
  })
}

import type { ActionContext, CurrentAdmin } from 'adminjs'

export type Role = 'ADMIN' | 'LECTEUR'

export interface PanelUser extends CurrentAdmin {
  id: string
  email: string
  role: Role
}

export function isAdmin(admin: CurrentAdmin | undefined): boolean {
  return (admin as PanelUser | undefined)?.role === 'ADMIN'
}

type AccessRule = { isAccessible: (context: ActionContext) => boolean; isVisible?: boolean }
type AccessRules = Record<'list' | 'show' | 'search' | 'new' | 'edit' | 'delete' | 'bulkDelete', AccessRule>

export const adminOnly = ({ currentAdmin }: ActionContext): boolean => isAdmin(currentAdmin)
export const signedIn = ({ currentAdmin }: ActionContext): boolean => Boolean(currentAdmin)
const nobody = (): boolean => false

/** Everyone signed in reads; only ADMIN writes. Enforced on the API (isAccessible), not just hidden. */
export const readForAllWriteForAdmins: AccessRules = {
  list: { isAccessible: signedIn },
  show: { isAccessible: signedIn },
  search: { isAccessible: signedIn },
  new: { isAccessible: adminOnly },
  edit: { isAccessible: adminOnly },
  delete: { isAccessible: adminOnly },
  bulkDelete: { isAccessible: adminOnly },
}

/** Rows written only by the application's use-cases (sync, association, audit). */
export const readOnlyForEveryone: AccessRules = {
  list: { isAccessible: signedIn },
  show: { isAccessible: signedIn },
  search: { isAccessible: signedIn },
  new: { isAccessible: nobody, isVisible: false },
  edit: { isAccessible: nobody, isVisible: false },
  delete: { isAccessible: nobody, isVisible: false },
  bulkDelete: { isAccessible: nobody, isVisible: false },
}

/** Only ADMIN sees and changes it at all (users). */
export const adminsOnly: AccessRules = {
  list: { isAccessible: adminOnly },
  show: { isAccessible: adminOnly },
  search: { isAccessible: adminOnly },
  new: { isAccessible: adminOnly },
  edit: { isAccessible: adminOnly },
  delete: { isAccessible: adminOnly },
  bulkDelete: { isAccessible: adminOnly },
}

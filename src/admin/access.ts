import type { ActionContext } from 'adminjs'
import type { ReconciliationContext } from '../context.js'
import type { CurrentUser } from '../options.js'

type AccessRule = { isAccessible: (context: ActionContext) => boolean; isVisible?: boolean }
export type AccessRules = Record<'list' | 'show' | 'search' | 'new' | 'edit' | 'delete' | 'bulkDelete', AccessRule>

export const signedIn = ({ currentAdmin }: ActionContext): boolean => Boolean(currentAdmin)
const nobody = (): boolean => false

/** The host decides who reconciles (users.canReconcile); checked on the API, not just hidden. */
export function reconcilersOnly(ctx: ReconciliationContext) {
  return ({ currentAdmin }: ActionContext): boolean => ctx.canReconcile(currentAdmin as CurrentUser | undefined)
}

/** Rows written only by the extension's use-cases (sync, association, audit): read-only for everyone. */
export const readOnlyForEveryone: AccessRules = {
  list: { isAccessible: signedIn },
  show: { isAccessible: signedIn },
  search: { isAccessible: signedIn },
  new: { isAccessible: nobody, isVisible: false },
  edit: { isAccessible: nobody, isVisible: false },
  delete: { isAccessible: nobody, isVisible: false },
  bulkDelete: { isAccessible: nobody, isVisible: false },
}

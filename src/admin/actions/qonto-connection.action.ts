import type { ActionContext, ActionRequest } from 'adminjs'
import type { ReconciliationContext } from '../../context.js'
import type { CurrentUser } from '../../options.js'
import { QontoConnectionError, connectWithApiKey, connectionStatus, disconnect, startOAuth, type ConnectionView } from '../../feed/qonto-connection.service.js'
import { signedIn } from '../access.js'
import { setOAuthBindingCookie } from '../../webhooks/qonto-oauth.router.js'
import type { Response } from 'express'

export interface ConnectionActionResponse {
  view: ConnectionView
  /** Whether this user may connect or disconnect (the server checks it again on every command). */
  canManage: boolean
  ok?: boolean
  message?: string
  /** startOAuth: where the browser goes next (Qonto's authorize page). */
  authorizeUrl?: string
}

/** Who may connect or disconnect Qonto: `users.canManageQonto`, or by default whoever may reconcile. */
export function canManageQonto(ctx: ReconciliationContext, user: CurrentUser | undefined): boolean {
  return ctx.canManageQonto(user)
}

/**
 * Hidden resource action behind the "Connexion Qonto" page. GET: the safe view. POST with
 * `command` = startOAuth {environment, stagingToken?} | connectApiKey {login, secretKey, environment,
 * stagingToken?} | disconnect: admins only, refused on the server for anyone else.
 */
export function connexionQontoAction(ctx: ReconciliationContext) {
  return {
    actionType: 'resource' as const,
    isVisible: false,
    isAccessible: signedIn,
    component: false as const,
    handler: async (request: ActionRequest, response: unknown, context: ActionContext): Promise<ConnectionActionResponse> => {
      const user = context.currentAdmin as CurrentUser | undefined
      const canManage = canManageQonto(ctx, user)
      if (request.method !== 'post') return { view: await connectionStatus(ctx), canManage }
      if (!canManage) return { view: await connectionStatus(ctx), canManage, ok: false, message: 'Seul un administrateur peut connecter ou déconnecter Qonto.' }
      const payload = (request.payload ?? {}) as Record<string, unknown>
      const actor = ctx.actorOf(user)
      try {
        switch (payload.command) {
          case 'startOAuth': {
            const { url, binding } = await startOAuth(ctx, actor, { environment: payload.environment, stagingToken: payload.stagingToken })
            // AdminJS's Express adapter hands the handler Express's response: the binding goes in a cookie.
            if (typeof (response as Partial<Response> | undefined)?.cookie !== 'function') throw new QontoConnectionError('Connexion OAuth indisponible : le serveur ne peut pas poser le cookie de connexion (adaptateur Express requis).')
            setOAuthBindingCookie(response as Response, ctx.qontoOAuth!.redirectUri, binding)
            return { view: await connectionStatus(ctx), canManage, ok: true, message: 'Redirection vers Qonto…', authorizeUrl: url }
          }
          case 'connectApiKey': {
            const view = await connectWithApiKey(ctx, actor, { login: payload.login, secretKey: payload.secretKey, environment: payload.environment, stagingToken: payload.stagingToken })
            const organization = view.connection?.organizationName ? ` (${view.connection.organizationName})` : ''
            return { view, canManage, ok: true, message: `Qonto connecté avec la clé API${organization}. ${view.live?.modeLabel ?? ''} Comptes et première synchronisation en cours.` }
          }
          case 'disconnect': {
            const view = await disconnect(ctx, actor)
            return { view, canManage, ok: true, message: 'Qonto déconnecté : les identifiants enregistrés ont été supprimés.' }
          }
          default:
            return { view: await connectionStatus(ctx), canManage, ok: false, message: 'Commande inconnue.' }
        }
      } catch (error) {
        if (!(error instanceof QontoConnectionError)) ctx.logger.error({ err: error }, 'Qonto connection command failed')
        const message = error instanceof QontoConnectionError ? error.message : 'La commande a échoué : réessayez ; si elle persiste, prévenez l’administrateur.'
        return { view: await connectionStatus(ctx), canManage, ok: false, message }
      }
    },
  }
}

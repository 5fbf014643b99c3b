import type { ActionContext, ActionRequest } from 'adminjs'
import type { ReconciliationContext } from '../../context.js'
import type { CurrentUser } from '../../options.js'
import { QontoConnectionError, connectWithApiKey, connectionStatus, disconnect, startOAuth, type ConnectionView } from '../../feed/qonto-connection.service.js'
import { signedIn } from '../access.js'
import { setOAuthBindingCookie } from '../../webhooks/qonto-oauth.router.js'
import type { Response } from 'express'
import { SERVER_TEXTS, serverTexts } from '../../i18n/server-texts.js'

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
      const T = serverTexts({ language: ctx.panelLanguage }).connection
      if (request.method !== 'post') return { view: await connectionStatus(ctx), canManage }
      if (!canManage) return { view: await connectionStatus(ctx), canManage, ok: false, message: T.adminOnly }
      const payload = (request.payload ?? {}) as Record<string, unknown>
      const actor = ctx.actorOf(user)
      try {
        switch (payload.command) {
          case 'startOAuth': {
            const { url, binding } = await startOAuth(ctx, actor, { environment: payload.environment, stagingToken: payload.stagingToken })
            // AdminJS's Express adapter hands the handler Express's response: the binding goes in a cookie.
            if (typeof (response as Partial<Response> | undefined)?.cookie !== 'function') throw new QontoConnectionError(SERVER_TEXTS.connection.noCookie)
            setOAuthBindingCookie(response as Response, ctx.qontoOAuth!.redirectUri, binding)
            return { view: await connectionStatus(ctx), canManage, ok: true, message: T.redirecting, authorizeUrl: url }
          }
          case 'connectApiKey': {
            const view = await connectWithApiKey(ctx, actor, { login: payload.login, secretKey: payload.secretKey, environment: payload.environment, stagingToken: payload.stagingToken })
            return { view, canManage, ok: true, message: T.connected(view.connection?.organizationName ?? null, view.live?.modeLabel ?? '') }
          }
          case 'disconnect': {
            const { leftAtQonto, ...view } = await disconnect(ctx, actor)
            if (leftAtQonto.length > 0) {
              return { view, canManage, ok: false, message: T.partlyDisconnected(leftAtQonto.join(' ; ')) }
            }
            return { view, canManage, ok: true, message: T.disconnected }
          }
          default:
            return { view: await connectionStatus(ctx), canManage, ok: false, message: T.unknownCommand }
        }
      } catch (error) {
        if (!(error instanceof QontoConnectionError)) ctx.logger.error({ err: error }, 'Qonto connection command failed')
        const message = error instanceof QontoConnectionError ? error.in(ctx.panelLanguage.current) : T.failed
        return { view: await connectionStatus(ctx), canManage, ok: false, message }
      }
    },
  }
}

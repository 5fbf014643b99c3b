/**
 * Hidden resource actions on QontoBankAccount, for the "Comptes bancaires" screen and the feed
 * health (dashboard, connection page). Thin: parse, call a use-case, shape the answer. Changes only
 * on POST and only for those who reconcile (checked on the server).
 */
import type { ActionContext, ActionRequest } from 'adminjs'
import { z } from 'zod'
import type { ReconciliationContext } from '../../context.js'
import type { CurrentUser } from '../../options.js'
import { QontoError } from '../../qonto/errors.js'
import {
  accountChoiceSchema,
  BankAccountChoiceError,
  chooseBankAccounts,
  qontoClientFor,
  refreshBankAccounts,
  storedBankAccounts,
} from '../../feed/bank-accounts.service.js'
import { feedHealth } from '../../feed/feed-health.service.js'
import {
  ensureSubscription,
  rotateSecret,
  subscriptionUnavailableReason,
  subscriptionView,
  WebhookSubscriptionError,
} from '../../feed/webhook-subscription.service.js'
import { reconcilersOnly, signedIn } from '../access.js'
import { feedTexts } from '../../i18n/feed-texts.js'
import { timeIn } from '../../domain/dates.js'
import { readBody } from './request-body.js'

const commandSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('refresh') }).strict(),
  z.object({ op: z.literal('choose'), accounts: accountChoiceSchema.shape.accounts }).strict(),
  z.object({ op: z.literal('ensure-webhook') }).strict(),
  z.object({ op: z.literal('rotate-webhook-secret') }).strict(),
])

/** What the screen shows: the accounts, whether the configuration fixes one, the subscription (never a secret). */
export async function bankAccountsView(ctx: ReconciliationContext) {
  const access = await qontoClientFor(ctx)
  const fixed = access?.account ?? null
  return {
    connected: access !== null,
    fixedByConfiguration: fixed ? ('bankAccountId' in fixed ? fixed.bankAccountId : fixed.iban) : null,
    accounts: await storedBankAccounts(ctx),
    subscription: await subscriptionView(ctx),
    webhookUnavailable: subscriptionUnavailableReason(ctx, access),
  }
}

async function run(ctx: ReconciliationContext, command: z.infer<typeof commandSchema>, context: ActionContext): Promise<string> {
  const T = feedTexts(ctx.panelLanguage.current).bankAccounts
  switch (command.op) {
    case 'refresh': {
      const access = await qontoClientFor(ctx)
      if (!access) throw new BankAccountChoiceError('accountsNeedConnection')
      const count = await refreshBankAccounts(ctx, access.client)
      return T.refreshed(count)
    }
    case 'choose': {
      await chooseBankAccounts(ctx, { accounts: command.accounts }, ctx.actorOf(context.currentAdmin as CurrentUser | undefined))
      return T.chosen
    }
    case 'ensure-webhook': {
      const result = await ensureSubscription(ctx)
      const backfill = result.backfill && 'error' in result.backfill ? T.backfillImpossible(result.backfill.error) : ''
      return `${T.subscription(result.status, result.url)}${backfill}`
    }
    case 'rotate-webhook-secret': {
      const { previousAcceptedUntil } = await rotateSecret(ctx)
      return T.secretRotated(timeIn(previousAcceptedUntil, ctx.timeZone))
    }
  }
}

export function comptesBancairesAction(ctx: ReconciliationContext) {
  return {
    actionType: 'resource' as const,
    isVisible: false,
    isAccessible: reconcilersOnly(ctx),
    component: false as const,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      if (request.method !== 'post') return bankAccountsView(ctx)
      const command = commandSchema.safeParse(readBody(request))
      const T = feedTexts(ctx.panelLanguage.current).bankAccounts
      if (!command.success) {
        const detail = command.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || T.request} : ${i.message}`).join(' ; ')
        return { ok: false, message: T.invalidRequest(detail), ...(await bankAccountsView(ctx)) }
      }
      try {
        const message = await run(ctx, command.data, context)
        return { ok: true, message, ...(await bankAccountsView(ctx)) }
      } catch (error) {
        const refused = error instanceof BankAccountChoiceError || error instanceof WebhookSubscriptionError
        const expected = refused || error instanceof QontoError
        if (!expected) ctx.logger.error({ err: error }, 'bank accounts action failed')
        return { ok: false, message: refused ? error.in(ctx.panelLanguage.current) : expected ? (error as Error).message : T.failed, ...(await bankAccountsView(ctx)) }
      }
    },
  }
}

/** The feed health alone (the connection page places the same component); any signed-in user may read it. */
export function santeFluxAction(ctx: ReconciliationContext) {
  return {
    actionType: 'resource' as const,
    isVisible: false,
    isAccessible: signedIn,
    component: false as const,
    handler: async () => feedHealth(ctx, { notifyWhenStale: true }),
  }
}

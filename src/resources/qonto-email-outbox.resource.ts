import type { ActionResponse, RecordJSON } from 'adminjs'
import { readOnlyForEveryone } from '../admin/access.js'
import type { Language } from '../domain/language.js'
import { actorIn, reconcileTexts } from '../i18n/reconcile-texts.js'
import { serverTexts } from '../i18n/server-texts.js'
import { businessDay, dateTimeIn, dayIn, timeIn } from '../domain/dates.js'
import { formatEurosIn, toCents } from '../domain/money.js'
import { NAV_RAPPROCHEMENT, frenchPrismaResource, type ResourceDeps } from './common.js'
import { ENGLISH_RESOURCE_LABELS } from '../admin/locale/en-resources.js'

/**
 * "En attente (part vers 10:52)", "Envoyé le 24/11/2026 à 10:52", "Annulé le … par maud@…": where a
 * client e-mail stands, in `language` (the panel's).
 */
export function emailState(params: Record<string, unknown>, timeZone: string, now = new Date(), language: Language = 'fr'): string {
  const T = reconcileTexts(language).email
  const at = (key: string) => (params[key] ? new Date(String(params[key])) : null)
  const dateTime = (instant: Date) => dateTimeIn(language, instant, timeZone, { inSentence: true })
  const cancelled = at('annuleLe')
  const sent = at('envoyeLe')
  if (sent) return T.sent(dateTime(sent))
  // Who cancelled: a user as is, the extension itself (stored "système") in `language`.
  if (cancelled) return T.cancelled(dateTime(cancelled), params.annulePar ? actorIn(language, String(params.annulePar)) : null)
  const setAside = at('abandonneLe')
  if (setAside) return params.remisLe ? T.unconfirmed(dateTime(setAside)) : T.abandoned(dateTime(setAside), Number(params.attempts ?? 0))
  if (params.remisLe) return T.sending
  const next = at('nextAttemptAt')
  if (Number(params.attempts ?? 0) > 0 && next && next > now) return T.retry(timeIn(next, timeZone))
  if (next && next > now) return T.waiting(timeIn(next, timeZone))
  return T.sending
}

/**
 * "E-mails clients": what the extension told (or will tell) clients, read-only for everyone signed
 * in — each e-mail with its state and the payment that caused it. Nobody edits, creates or deletes one.
 */
export function createEmailOutboxResource(deps: ResourceDeps) {
  const withState = (record: RecordJSON, hidden: readonly string[]) => {
    record.params.etat = emailState(record.params, deps.ctx.timeZone, new Date(), deps.ctx.panelLanguage.current)
    // What the page hides is not sent either (the outbox key, the SMTP error, the lease).
    for (const key of hidden) delete record.params[key]
    // The payment in words, in the panel's language ("1 500,00 € · GLOW COSMETICS SAS · 24/11/2026"), not its id.
    const payment = record.populated?.transactionId
    if (payment?.params?.montant !== undefined) {
      const language = deps.ctx.panelLanguage.current
      const day = payment.params.dateTransaction ? ` · ${dayIn(language, businessDay(new Date(String(payment.params.dateTransaction)), deps.ctx.timeZone))}` : ''
      const payer = payment.params.emetteur ?? serverTexts({ language: deps.ctx.panelLanguage }).unknownPayer
      payment.title = `${formatEurosIn(language, toCents(String(payment.params.montant)))} · ${String(payer)}${day}`
    }
    return record
  }
  const after = (hidden: readonly string[]) => async (response: ActionResponse) => {
    if (response.record) withState(response.record as RecordJSON, hidden)
    for (const record of (response.records ?? []) as RecordJSON[]) withState(record, hidden)
    return response
  }
  const HIDDEN = ['cle', 'lastError', 'lockedUntil', 'remisLe', 'abandonneLe'] as const
  return frenchPrismaResource(deps, 'QontoEmailOutbox', {
    id: 'QontoEmailOutbox',
    navigation: NAV_RAPPROCHEMENT,
    sort: { sortBy: 'createdAt', direction: 'desc' as const },
    listProperties: ['createdAt', 'destinataire', 'sujet', 'etat', 'transactionId'],
    filterProperties: ['createdAt', 'destinataire', 'sujet', 'envoyeLe', 'annuleLe', 'transactionId'],
    showProperties: ['createdAt', 'destinataire', 'sujet', 'etat', 'texte', 'envoyeLe', 'annuleLe', 'annulePar', 'nextAttemptAt', 'attempts', 'transactionId'],
    properties: {
      id: { isVisible: false },
      cle: { isVisible: false },
      lockedUntil: { isVisible: false },
      lastError: { isVisible: false },
      remisLe: { isVisible: false },
      abandonneLe: { isVisible: false },
      etat: { type: 'string', isVisible: { list: true, show: true, filter: false, edit: false }, isSortable: false },
      texte: { type: 'textarea' },
      destinataire: { components: { list: deps.components.EllipsisValue } },
      sujet: { components: { list: deps.components.EllipsisValue } },
      // The payment whose association queued the e-mail, as a link.
      transactionId: { reference: 'TransactionQonto' },
    },
    actions: {
      ...readOnlyForEveryone,
      // The list does not show the attempts either (the state says when a failed send is retried).
      list: { ...readOnlyForEveryone.list, after: after([...HIDDEN, 'attempts']) },
      show: { ...readOnlyForEveryone.show, after: after(HIDDEN) },
    },
    translations: {
      en: ENGLISH_RESOURCE_LABELS.QontoEmailOutbox!,
      fr: {
        labels: { QontoEmailOutbox: 'E-mails clients' },
        properties: {
          createdAt: 'Créé le',
          destinataire: 'Destinataire',
          sujet: 'Sujet',
          etat: 'État',
          texte: 'Message',
          envoyeLe: 'Envoyé le',
          annuleLe: 'Annulé le',
          annulePar: 'Annulé par',
          nextAttemptAt: 'Départ prévu',
          attempts: "Tentatives d'envoi",
          transactionId: 'Paiement',
        },
      },
    },
  })
}

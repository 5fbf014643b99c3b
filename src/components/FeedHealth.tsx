import React, { useEffect, useState } from 'react'
import { ApiClient } from 'adminjs'
import { Badge, Box, H5, Loader, MessageBox, Text } from '@adminjs/design-system'
import type { FeedHealth } from '../feed/feed-health.service.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().feedHealth

/** The server's FeedHealth as JSON (a type-only import: nothing of the service reaches the browser). */
export type FeedHealthData = FeedHealth

const api = new ApiClient()

const STATUS: Record<FeedHealthData['status'], { label: string; variant: 'success' | 'danger' | 'info' | 'secondary' }> = {
  ok: { label: T.fluxQontoActif, variant: 'success' },
  stale: { label: T.fluxQontoInterrompu, variant: 'danger' },
  waiting: { label: T.enAttenteDeLa, variant: 'info' },
  'not-configured': { label: T.qontoNEstPas, variant: 'secondary' },
}

/** "il y a 3 min", "il y a 2 h", else the date and time in Paris. */
function when(iso: string | null, now = Date.now()): string {
  if (!iso) return T.never
  const minutes = Math.round((now - Date.parse(iso)) / 60_000)
  if (minutes >= 0 && minutes < 1) return T.aLInstant
  if (minutes >= 0 && minutes < 60) return T.minutesAgo(minutes)
  if (minutes >= 0 && minutes < 24 * 60) return T.hoursAgo(Math.round(minutes / 60))
  return new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' })
}

const time = (iso: string) => new Date(iso).toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })

const Fact: React.FC<{ label: string; value: string; testId: string }> = ({ label, value, testId }) => (
  <Box mr="xl" mb="sm" flexShrink={0}>
    <Text color="grey60" fontSize="sm">{label}</Text>
    <Text data-testid={testId}>{value}</Text>
  </Box>
)

/**
 * Is the Qonto feed alive, at a glance: status, last sync and webhook, events, next sync, the last
 * error with what to do. Given `data` (the dashboard's `feedHealth`), or loads it itself (connection page).
 */
const FeedHealthCard: React.FC<{ data?: FeedHealthData | null }> = ({ data }) => {
  const [loaded, setLoaded] = useState<FeedHealthData | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (data !== undefined) return
    api
      .resourceAction({ resourceId: 'QontoBankAccount', actionName: 'santeFlux' })
      .then((response) => setLoaded(response.data as unknown as FeedHealthData))
      .catch(() => setFailed(true))
  }, [data])
  const health = data ?? loaded
  if (failed) return <MessageBox variant="danger" message={T.impossibleDeLireL} />
  if (!health) return data === null ? null : <Loader />
  const status = STATUS[health.status]
  const { events } = health
  return (
    <Box variant="card" p="lg" mt="lg" data-testid="feed-health" data-status={health.status}>
      <Box flex flexDirection="row" alignItems="center" flexWrap="wrap" mb="default">
        <H5 mb="0" mr="default">{T.fluxQonto}</H5>
        <Badge variant={status.variant} data-testid="feed-health-status">{health.syncing && health.status === 'waiting' ? T.premiereSynchronisationEnCours : status.label}</Badge>
        {health.syncing && health.status !== 'waiting' && <Badge ml="default" variant="info" data-testid="feed-health-syncing">{T.synchronisationEnCours}</Badge>}
      </Box>
      {health.warning && <MessageBox variant="danger" mb="default" message={health.warning} data-testid="feed-health-warning" />}
      {health.status !== 'not-configured' && (
        <Box flex flexDirection="row" flexWrap="wrap">
          <Fact label={T.derniereSynchronisationReussie} value={when(health.lastSuccessfulSyncAt)} testId="feed-health-last-sync" />
          <Fact label={T.dernierWebhookRecu} value={when(health.lastWebhookDeliveryAt)} testId="feed-health-last-webhook" />
          <Fact
            label={T.prochaineSynchronisation}
            value={health.nextSyncAt ? time(health.nextSyncAt) : health.syncIntervalMinutes > 0 ? T.every(health.syncIntervalMinutes) : T.desactivee}
            testId="feed-health-next-sync"
          />
          <Fact
            label={T.evenementsWebhook}
            value={T.events(events.waiting, events.retrying, events.rejected)}
            testId="feed-health-events"
          />
          {health.rejectedTransactions > 0 && (
            <Fact
              label={T.transactionsEcarteesMalFormees}
              value={T.rejected(health.rejectedTransactions)}
              testId="feed-health-rejected-transactions"
            />
          )}
        </Box>
      )}
      {health.lastError && (
        <MessageBox variant="warning" mt="default" data-testid="feed-health-error">
          <Text fontWeight="bold">
            {T.derniereErreur}{health.lastError.account ? ` (${health.lastError.account})` : ''}{health.lastError.at ? `, ${when(health.lastError.at)}` : ''}{T.colon.trimEnd()}
          </Text>
          <Text style={{ overflowWrap: 'anywhere' }}>{health.lastError.message}</Text>
          {!health.warning?.includes(health.lastError.advice) && <Text mt="sm">{health.lastError.advice}</Text>}
        </MessageBox>
      )}
      {health.webhook.note && <Text mt="default" color="grey60" fontSize="sm">{health.webhook.note}</Text>}
    </Box>
  )
}

export default FeedHealthCard

import React, { useEffect, useState } from 'react'
import { ApiClient, useNotice } from 'adminjs'
import { failureMessage, postFields } from './action-request.js'
import { Badge, Box, Button, H2, H5, Input, Label, Loader, MessageBox, Text } from '@adminjs/design-system'
import BankAccounts from './BankAccounts.js'
import FeedHealth from './FeedHealth.js'
import { TRANSACTIONS } from './paths.js'

import type { ConnectionView as View } from '../feed/qonto-connection.service.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().qontoConnection

type Environment = View['defaultEnvironment']
type Live = NonNullable<View['live']>
interface Response { view: View; canManage: boolean; ok?: boolean; message?: string; authorizeUrl?: string }

const api = new ApiClient()
const ACTION = 'connexionQonto'
const ENVIRONMENTS: Array<{ value: Environment; label: string }> = [
  { value: 'production', label: 'Production' },
  { value: 'sandbox', label: T.bacASableSandbox },
]

const Row: React.FC<{ label: string; value: React.ReactNode; testId?: string }> = ({ label, value, testId }) => (
  <Box flex flexDirection="row" flexWrap="wrap" py="sm">
    <Text width={['100%', '14rem']} color="grey60">{label}</Text>
    <Text data-testid={testId} style={{ wordBreak: 'break-word' }}>{value}</Text>
  </Box>
)

const EnvironmentChoice: React.FC<{ value: Environment; onChange: (e: Environment) => void; name: string }> = ({ value, onChange, name }) => (
  <Box mb="default">
  <Label>{T.environnement}</Label>
  <Box flex flexDirection="row" flexWrap="wrap" role="radiogroup" aria-label={T.environnementQonto}>
    {ENVIRONMENTS.map((option) => (
      <Button
        key={option.value}
        type="button"
        size="sm"
        mr="default"
        mb="sm"
        variant={value === option.value ? 'contained' : 'outlined'}
        role="radio"
        aria-checked={value === option.value}
        data-testid={`${name}-env-${option.value}`}
        onClick={() => onChange(option.value)}
      >
        {option.label}
      </Button>
    ))}
  </Box>
  </Box>
)

const SYNC_BADGE: Record<Live['sync']['state'], 'success' | 'danger' | 'info' | 'default'> = { running: 'info', done: 'success', failed: 'danger', waiting: 'default' }

/** The feed being put live after a connection: accounts listed, webhook or polling, the backfill sync. */
const LiveCard: React.FC<{ live: Live }> = ({ live }) => (
  <Box variant="card" p="lg" mb="lg" data-testid="live-progress" data-in-progress={String(live.inProgress)}>
    <Box flex flexDirection="row" alignItems="center" flexWrap="wrap" mb="default">
      <H5 mb="0" mr="default">{T.miseEnServiceDu}</H5>
      {live.inProgress && <Badge variant="info">{T.enCours}</Badge>}
    </Box>
    <Row
      label={T.comptesBancaires}
      testId="live-accounts"
      value={live.accounts.listed === 0 ? T.enCoursDeLecture : T.accountsRead(live.accounts.listed, live.accounts.reconciled)}
    />
    <Row label={live.mode === 'webhook' ? 'Webhook' : T.polling} testId="live-mode" value={live.modeLabel} />
    <Row label={T.synchronisation} testId="live-sync" value={<Badge variant={SYNC_BADGE[live.sync.state]}>{live.sync.label}</Badge>} />
  </Box>
)

/** "Connexion Qonto": the state of the connection for everyone; connect (OAuth or API key) and disconnect for admins. */
const QontoConnection: React.FC = () => {
  const notice = useNotice()
  const [data, setData] = useState<Response | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [oauthEnv, setOauthEnv] = useState<Environment>('production')
  const [oauthStaging, setOauthStaging] = useState('')
  const [keyEnv, setKeyEnv] = useState<Environment>('production')
  const [login, setLogin] = useState('')
  const [secretKey, setSecretKey] = useState('')
  const [keyStaging, setKeyStaging] = useState('')

  // Bumped at each refresh while the feed is being put live: the feed's health and the accounts reload too.
  const [refreshes, setRefreshes] = useState(0)

  const load = (first: boolean) =>
    api
      .resourceAction({ resourceId: TRANSACTIONS, actionName: ACTION })
      .then((response) => {
        const body = response.data as unknown as Response
        setData(body)
        if (first) setOauthEnv(body.view.defaultEnvironment)
        else setRefreshes((n) => n + 1)
      })
      .catch(() => first && setError(T.impossibleDeChargerL))
  useEffect(() => {
    void load(true)
  }, [])
  // While the accounts, the subscription and the backfill sync are set up, the page follows them (no click).
  const inProgress = data?.view.live?.inProgress === true
  useEffect(() => {
    if (!inProgress) return
    const timer = setInterval(() => void load(false), 2000)
    return () => {
      clearInterval(timer)
      void load(false)
    }
  }, [inProgress])

  const command = async (data: Record<string, string>) => {
    setBusy(true)
    try {
      const response = await api.resourceAction({ resourceId: TRANSACTIONS, actionName: ACTION, ...postFields(data) })
      const body = response.data as unknown as Response
      if (body.authorizeUrl) {
        window.location.assign(body.authorizeUrl)
        return
      }
      setData(body)
      if (body.message) notice({ message: body.message, type: body.ok ? 'success' : 'error' })
      if (body.ok) {
        setSecretKey('')
        setLogin('')
        setKeyStaging('')
        setConfirming(false)
      }
    } catch (failure) {
      notice({ message: failureMessage(failure), type: 'error' })
    } finally {
      setBusy(false)
    }
  }

  if (error) return <MessageBox m="xl" variant="danger" message={error} />
  if (!data) return <Loader />
  const { view, canManage } = data
  const connection = view.connection
  const connected = connection?.status === 'CONNECTED'
  const lost = connection?.status === 'DISCONNECTED'
  const showForms = canManage && !view.envPrecedence && !connected

  return (
    <Box variant="grey" p={['default', 'xl']}>
      <H2 px={["lg", 0]}>{T.connexionQonto}</H2>
      {view.envPrecedence && (
        <MessageBox mb="lg" variant="info" data-testid="env-precedence" message={T.lesVariablesDEnvironnement} />
      )}
      <Box variant="card" p="lg" mb="lg" data-testid="connection-status">
        <Box flex flexDirection="row" alignItems="center" flexWrap="wrap" mb="default">
          <H5 mb="0" mr="default">{T.etat}</H5>
          <Badge variant={connected || view.envPrecedence ? 'success' : lost ? 'danger' : 'default'} data-testid="connection-state">
            {view.envPrecedence ? T.configureParLeServeur : connected ? T.connecte : lost ? T.deconnecte : T.nonConnecte}
          </Badge>
        </Box>
        {connection && (
          <>
            <Row label={T.methode} value={connection.methodLabel} testId="connection-method" />
            <Row label={T.environnement} value={connection.environment === 'sandbox' ? T.bacASableSandbox : 'Production'} />
            {connection.organizationName && <Row label={T.organisation} value={connection.organizationName} testId="connection-organization" />}
            <Row label={T.connecteLe} value={`${connection.since ?? '?'}${connection.by ? T.by(connection.by) : ''}`} />
            <Row label={T.identifiants} value={connection.credentialsLabel} testId="connection-credentials" />
            {connection.scopes.length > 0 && <Row label={T.autorisations} value={connection.scopes.join(', ')} />}
            {connected && connection.accessTokenExpiresAt && <Row label={T.jetonValableJusquA} value={T.renewedAutomatically(connection.accessTokenExpiresAt)} />}
          </>
        )}
        {lost && view.disconnectedReason && <MessageBox mt="default" variant="danger" data-testid="connection-lost" message={T.disconnected(view.disconnectedReason)} />}
        {!lost && view.lastError && <MessageBox mt="default" variant="warning" message={T.lastError(view.lastErrorAt ?? '', view.lastError)} />}
        {view.hint && <Text mt="default" data-testid="connection-hint">{view.hint}</Text>}
        {canManage && connection && !view.envPrecedence && (
          <Box mt="lg">
            {!confirming ? (
              <Button variant="danger" disabled={busy} onClick={() => setConfirming(true)} data-testid="disconnect">{lost ? T.oublierCetteConnexion : T.deconnecter}</Button>
            ) : (
              <Box flex flexDirection="row" flexWrap="wrap" alignItems="center">
                <Text mr="default" mb="sm">{T.revoquerLAccesEt}</Text>
                <Button variant="danger" mr="default" disabled={busy} onClick={() => command({ command: 'disconnect' })} data-testid="disconnect-confirm">{T.confirmerLaDeconnexion}</Button>
                <Button variant="outlined" disabled={busy} onClick={() => setConfirming(false)}>{T.annuler}</Button>
              </Box>
            )}
          </Box>
        )}
      </Box>

      {connected && view.live && <LiveCard live={view.live} />}
      {(connected || view.envPrecedence) && <FeedHealth key={`health-${refreshes}`} />}
      {(connected || view.envPrecedence) && canManage && (
        <Box mt="lg" mb="lg">
          <BankAccounts embedded key={`accounts-${refreshes}`} />
        </Box>
      )}

      {!canManage && <MessageBox variant="info" data-testid="read-only" message={T.seulUnAdministrateurPeut} />}

      {showForms && !view.encryptionAvailable && (
        <MessageBox variant="danger" mb="lg" message={T.aucuneCleDeChiffrement} />
      )}

      {showForms && view.encryptionAvailable && (
        <Box flex flexDirection={['column', 'column', 'row']}>
          {view.oauthAvailable && (
            <Box variant="card" p="lg" mb="lg" mr={[0, 0, 'lg']} flexGrow={1} flexBasis={0} data-testid="oauth-form">
              <H5>{T.avecOauthRecommande}</H5>
              <Text mb="default">{T.vousEtesRedirigeVers}</Text>
              <EnvironmentChoice name="oauth" value={oauthEnv} onChange={setOauthEnv} />
              {oauthEnv === 'sandbox' && (
                <Box mb="default">
                  <Label htmlFor="oauth-staging">{T.jetonDeStagingDevelopers}</Label>
                  <Input id="oauth-staging" width={1} autoComplete="off" value={oauthStaging} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setOauthStaging(e.target.value)} />
                </Box>
              )}
              <Button variant="contained" disabled={busy} data-testid="oauth-connect" onClick={() => command({ command: 'startOAuth', environment: oauthEnv, stagingToken: oauthStaging })}>
                {lost ? T.reconnecterAvecQonto : T.connecterAvecQonto}
              </Button>
            </Box>
          )}
          <Box variant="card" p="lg" mb="lg" flexGrow={1} flexBasis={0} data-testid="api-key-form">
            <H5>{T.avecUneCleApi}</H5>
            <Text mb="default">{T.qontoParametresIntegrationsEt}</Text>
            <EnvironmentChoice name="key" value={keyEnv} onChange={setKeyEnv} />
            <Box mb="default">
              <Label htmlFor="api-login" required>{T.identifiantLogin}</Label>
              <Input id="api-login" width={1} autoComplete="off" value={login} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setLogin(e.target.value)} />
            </Box>
            <Box mb="default">
              <Label htmlFor="api-secret" required>{T.cleSecrete}</Label>
              <Input id="api-secret" type="password" width={1} autoComplete="new-password" value={secretKey} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSecretKey(e.target.value)} />
            </Box>
            {keyEnv === 'sandbox' && (
              <Box mb="default">
                <Label htmlFor="key-staging">{T.jetonDeStagingDevelopers}</Label>
                <Input id="key-staging" width={1} autoComplete="off" value={keyStaging} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setKeyStaging(e.target.value)} />
              </Box>
            )}
            <Button variant={view.oauthAvailable ? 'outlined' : 'contained'} disabled={busy || !login || !secretKey} data-testid="api-key-connect" onClick={() => command({ command: 'connectApiKey', login, secretKey, environment: keyEnv, stagingToken: keyStaging })}>
              {T.testerEtEnregistrerLa}
            </Button>
          </Box>
        </Box>
      )}
    </Box>
  )
}

export default QontoConnection

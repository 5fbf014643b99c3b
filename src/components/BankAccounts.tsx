import React, { useEffect, useState } from 'react'
import { ApiClient, useNotice } from 'adminjs'
import { failureMessage, loadFailureMessage, postCommand } from './action-request.js'
import { Box, Button, CheckBox, H2, H5, Input, Loader, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system'
import { dateTime as parisDateTime, euros } from './panel-format.js'
import type { BankAccountView as Account } from '../feed/bank-accounts.service.js'
import FeedHealth from './FeedHealth.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().bankAccounts

interface Subscription { id: string; url: string; types: string[]; rotating: boolean; previousSecretExpiresAt: string | null; lastDeliveryAt: string | null }
interface View {
  connected: boolean
  fixedByConfiguration: string | null
  accounts: Account[]
  subscription: Subscription | null
  webhookUnavailable: string | null
  ok?: boolean
  message?: string
}

const api = new ApiClient()
const RESOURCE = 'QontoBankAccount'
const ACTION = 'comptesBancaires'
const STATUSES: Record<string, string> = { active: T.active, closed: T.cloture }
const dateTime = (iso: string) => parisDateTime(iso)
/** "25 310,42 €" / "€25,310.42", or in the account's own currency ("1 000,00 USD" / "USD 1,000.00"). */
const money = (cents: number, currency: string) => euros(cents, currency)
const groupedIban = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim()

/**
 * "Comptes bancaires": which Qonto accounts are reconciled (default: the active EUR ones) and the FEC
 * account of each; the webhook subscription the product manages. The connection page embeds it; it
 * is also its own page. Only those who reconcile may load or change it (checked on the server).
 */
const BankAccounts: React.FC<{ embedded?: boolean }> = ({ embedded }) => {
  const notice = useNotice()
  const [view, setView] = useState<View | null>(null)
  const [choice, setChoice] = useState<Record<string, { reconcile: boolean; fecBankAccount: string }>>({})
  const [refused, setRefused] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const show = (next: View) => {
    setView(next)
    setChoice(Object.fromEntries(next.accounts.map((a) => [a.id, { reconcile: a.reconcile, fecBankAccount: a.fecBankAccount ?? '' }])))
  }
  useEffect(() => {
    api
      .resourceAction({ resourceId: RESOURCE, actionName: ACTION })
      .then((response) => show(response.data as unknown as View))
      .catch((failure) => setRefused(loadFailureMessage(failure, T.reserveAuxAdministrateurs)))
  }, [])

  const send = async (command: object) => {
    setBusy(true)
    try {
      const response = await api.resourceAction({ resourceId: RESOURCE, actionName: ACTION, ...postCommand(command) })
      const result = response.data as unknown as View
      notice({ message: result.message ?? T.termine, type: result.ok ? 'success' : 'error' })
      if (result.accounts) show(result)
    } catch (failure) {
      notice({ message: failureMessage(failure), type: 'error' })
    } finally {
      setBusy(false)
    }
  }
  const save = () => send({ op: 'choose', accounts: Object.entries(choice).map(([id, c]) => ({ id, reconcile: c.reconcile, fecBankAccount: c.fecBankAccount.trim() })) })

  if (refused) return <MessageBox m="xl" variant="danger" message={refused} data-testid="bank-accounts-failure" />
  if (!view) return <Loader />
  const { subscription } = view
  return (
    <Box variant={embedded ? undefined : 'grey'} p={embedded ? undefined : 'xl'} data-testid="bank-accounts">
      {!embedded && <H2>{T.comptesBancairesQonto}</H2>}
      {!embedded && <FeedHealth />}
      <Box variant="card" p="lg" my="lg">
        <H5>{T.comptesARapprocher}</H5>
        {view.fixedByConfiguration && (
          <MessageBox variant="info" mb="default" data-testid="bank-accounts-fixed"
            message={T.fixedByConfiguration(view.fixedByConfiguration)} />
        )}
        {view.accounts.length === 0 ? (
          <Text mb="default">{view.connected ? T.aucunCompteEncoreLu : T.qontoNEstPas}</Text>
        ) : (
          <Box style={{ overflowX: 'auto' }}>
            <Table data-testid="bank-accounts-table">
              <TableHead>
                <TableRow>
                  <TableCell>{T.rapprocher}</TableCell><TableCell>{T.compte}</TableCell><TableCell>IBAN</TableCell><TableCell>{T.statut}</TableCell>
                  <TableCell>{T.solde}</TableCell><TableCell>{T.compteFec}</TableCell><TableCell>{T.derniereSynchronisation}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {view.accounts.map((account) => (
                  <TableRow key={account.id} data-testid="bank-account-row">
                    <TableCell>
                      <CheckBox
                        id={`reconcile-${account.id}`}
                        checked={choice[account.id]?.reconcile ?? false}
                        onChange={() => setChoice({ ...choice, [account.id]: { ...choice[account.id]!, reconcile: !choice[account.id]!.reconcile } })}
                        data-testid="bank-account-reconcile"
                        aria-label={T.reconcileAccount(account.name ?? account.id)}
                      />
                    </TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>
                      <Text fontWeight="bold">{account.name ?? '—'}</Text>
                      <Text color="grey60" fontSize="sm">{account.currency}{account.main ? T.principal : ''}</Text>
                    </TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{account.iban ? groupedIban(account.iban) : '—'}</TableCell>
                    <TableCell>{STATUSES[account.status] ?? account.status}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{account.balanceCents === null ? '—' : money(account.balanceCents, account.currency)}</TableCell>
                    <TableCell>
                      <Input
                        value={choice[account.id]?.fecBankAccount ?? ''}
                        placeholder="512000"
                        size="sm"
                        style={{ width: '7em' }}
                        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setChoice({ ...choice, [account.id]: { ...choice[account.id]!, fecBankAccount: e.target.value } })}
                        aria-label={T.fecAccountOf(account.name ?? account.id)}
                      />
                    </TableCell>
                    <TableCell>
                      {account.lastSuccessAt ? dateTime(account.lastSuccessAt) : '—'}
                      {account.lastError && <Text color="error" fontSize="sm">{account.lastError}</Text>}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
        <Box mt="lg" flex flexDirection="row" flexWrap="wrap">
          <Button mr="default" mb="sm" disabled={busy || !view.connected} onClick={() => send({ op: 'refresh' })} data-testid="bank-accounts-refresh">{T.actualiserLaListe}</Button>
          <Button variant="contained" mb="sm" disabled={busy || view.accounts.length === 0} onClick={save} data-testid="bank-accounts-save">{T.enregistrerLeChoix}</Button>
        </Box>
      </Box>
      <Box variant="card" p="lg">
        <H5>{T.webhookQonto}</H5>
        {subscription ? (
          <Box data-testid="webhook-subscription">
            <Text>{T.abonnement} {subscription.types.join(', ')} {T.vers} <code>{subscription.url}</code></Text>
            <Text color="grey60" fontSize="sm">
              {subscription.lastDeliveryAt ? T.lastDelivery(dateTime(subscription.lastDeliveryAt)) : T.aucuneLivraisonRecuePour}
              {subscription.rotating && subscription.previousSecretExpiresAt ? T.previousSecretUntil(dateTime(subscription.previousSecretExpiresAt)) : ''}
            </Text>
          </Box>
        ) : (
          <Text>{view.webhookUnavailable ?? T.aucunAbonnementVerifierL}</Text>
        )}
        {!view.webhookUnavailable && (
          <Box mt="lg" flex flexDirection="row" flexWrap="wrap">
            <Button mr="default" mb="sm" disabled={busy} onClick={() => send({ op: 'ensure-webhook' })} data-testid="webhook-ensure">{T.verifierLAbonnement}</Button>
            {subscription && <Button mb="sm" disabled={busy} onClick={() => send({ op: 'rotate-webhook-secret' })} data-testid="webhook-rotate">{T.renouvelerLeSecret}</Button>}
          </Box>
        )}
      </Box>
    </Box>
  )
}

export default BankAccounts

import React, { useEffect, useState } from 'react'
import { ApiClient, useNotice } from 'adminjs'
import { failureMessage, postCommand } from './action-request.js'
import { Box, Button, CheckBox, H2, H5, Input, Loader, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system'
import { formatEuros } from '../domain/money.js'
import type { BankAccountView as Account } from '../feed/bank-accounts.service.js'
import FeedHealth from './FeedHealth.js'

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
const STATUSES: Record<string, string> = { active: 'Actif', closed: 'Clôturé' }
const dateTime = (iso: string) => new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
/** "25 310,42 €", or in the account's own currency ("1 000,00 $US"). */
const money = (cents: number, currency: string) =>
  currency === 'EUR' ? formatEuros(cents) : (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency })
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
  const [refused, setRefused] = useState(false)
  const [busy, setBusy] = useState(false)

  const show = (next: View) => {
    setView(next)
    setChoice(Object.fromEntries(next.accounts.map((a) => [a.id, { reconcile: a.reconcile, fecBankAccount: a.fecBankAccount ?? '' }])))
  }
  useEffect(() => {
    api
      .resourceAction({ resourceId: RESOURCE, actionName: ACTION })
      .then((response) => show(response.data as unknown as View))
      .catch(() => setRefused(true))
  }, [])

  const send = async (command: object) => {
    setBusy(true)
    try {
      const response = await api.resourceAction({ resourceId: RESOURCE, actionName: ACTION, ...postCommand(command) })
      const result = response.data as unknown as View
      notice({ message: result.message ?? 'Terminé.', type: result.ok ? 'success' : 'error' })
      if (result.accounts) show(result)
    } catch (failure) {
      notice({ message: failureMessage(failure), type: 'error' })
    } finally {
      setBusy(false)
    }
  }
  const save = () => send({ op: 'choose', accounts: Object.entries(choice).map(([id, c]) => ({ id, reconcile: c.reconcile, fecBankAccount: c.fecBankAccount.trim() })) })

  if (refused) return <MessageBox m="xl" variant="danger" message="Réservé aux administrateurs." />
  if (!view) return <Loader />
  const { subscription } = view
  return (
    <Box variant={embedded ? undefined : 'grey'} p={embedded ? undefined : 'xl'} data-testid="bank-accounts">
      {!embedded && <H2>Comptes bancaires Qonto</H2>}
      {!embedded && <FeedHealth />}
      <Box variant="card" p="lg" my="lg">
        <H5>Comptes à rapprocher</H5>
        {view.fixedByConfiguration && (
          <MessageBox variant="info" mb="default" data-testid="bank-accounts-fixed"
            message={`Le compte ${view.fixedByConfiguration} est fixé par la configuration du serveur (QONTO_BANK_ACCOUNT_ID ou QONTO_IBAN) : lui seul est synchronisé, le choix ci-dessous s'appliquera sans elle.`} />
        )}
        {view.accounts.length === 0 ? (
          <Text mb="default">{view.connected ? 'Aucun compte encore lu chez Qonto : actualisez la liste.' : "Qonto n'est pas connecté."}</Text>
        ) : (
          <Box style={{ overflowX: 'auto' }}>
            <Table data-testid="bank-accounts-table">
              <TableHead>
                <TableRow>
                  <TableCell>Rapprocher</TableCell><TableCell>Compte</TableCell><TableCell>IBAN</TableCell><TableCell>Statut</TableCell>
                  <TableCell>Solde</TableCell><TableCell>Compte FEC</TableCell><TableCell>Dernière synchronisation</TableCell>
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
                        aria-label={`Rapprocher ${account.name ?? account.id}`}
                      />
                    </TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>
                      <Text fontWeight="bold">{account.name ?? '—'}</Text>
                      <Text color="grey60" fontSize="sm">{account.currency}{account.main ? ' · principal' : ''}</Text>
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
                        aria-label={`Compte FEC de ${account.name ?? account.id}`}
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
          <Button mr="default" mb="sm" disabled={busy || !view.connected} onClick={() => send({ op: 'refresh' })} data-testid="bank-accounts-refresh">Actualiser la liste</Button>
          <Button variant="contained" mb="sm" disabled={busy || view.accounts.length === 0} onClick={save} data-testid="bank-accounts-save">Enregistrer le choix</Button>
        </Box>
      </Box>
      <Box variant="card" p="lg">
        <H5>Webhook Qonto</H5>
        {subscription ? (
          <Box data-testid="webhook-subscription">
            <Text>Abonnement {subscription.types.join(', ')} vers <code>{subscription.url}</code></Text>
            <Text color="grey60" fontSize="sm">
              {subscription.lastDeliveryAt ? `Dernière livraison : ${dateTime(subscription.lastDeliveryAt)}` : 'Aucune livraison reçue pour le moment.'}
              {subscription.rotating && subscription.previousSecretExpiresAt ? ` Ancien secret accepté jusqu'au ${dateTime(subscription.previousSecretExpiresAt)}.` : ''}
            </Text>
          </Box>
        ) : (
          <Text>{view.webhookUnavailable ?? "Aucun abonnement : « Vérifier l'abonnement » le crée."}</Text>
        )}
        {!view.webhookUnavailable && (
          <Box mt="lg" flex flexDirection="row" flexWrap="wrap">
            <Button mr="default" mb="sm" disabled={busy} onClick={() => send({ op: 'ensure-webhook' })} data-testid="webhook-ensure">Vérifier l'abonnement</Button>
            {subscription && <Button mb="sm" disabled={busy} onClick={() => send({ op: 'rotate-webhook-secret' })} data-testid="webhook-rotate">Renouveler le secret</Button>}
          </Box>
        )}
      </Box>
    </Box>
  )
}

export default BankAccounts

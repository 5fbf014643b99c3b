import React, { useEffect, useState } from 'react'
import { ApiClient, useNotice } from 'adminjs'
import { Badge, Box, Button, H2, H5, Link, Loader, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system'
import { formatEuros } from '../domain/money.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import FeedHealth, { type FeedHealthData } from './FeedHealth.js'

interface CountAndSum { count: number; totalCents: number }
interface Stats { toReconcile: CountAndSum; reconciled: CountAndSum; awaitingPayment: CountAndSum; overdue: CountAndSum; flagged: number }
interface Suggestion {
  score: number
  autoApply: boolean
  reasons: Array<{ code: string; label: string }>
  allocations: Array<{ invoiceId: string; amountCents: number }>
  invoices: Array<{ reference: string; client: string | null }>
}
interface Payment { id: string; date: string; amountCents: number; remainingCents: number; payer: string | null; reference: string | null; best: Suggestion | null }
interface Data { stats: Stats; payments: Payment[]; canReconcile: boolean; unreadNotifications: number }

const api = new ApiClient()
const RESOURCE = TRANSACTIONS

const Card: React.FC<{ title: string; value: CountAndSum; testId: string }> = ({ title, value, testId }) => (
  <Box variant="card" flex flexDirection="column" width={[1, 1 / 2, 1 / 4]} p="lg" m="sm" data-testid={testId}>
    <H5>{title}</H5>
    <Text fontSize="xl" fontWeight="bold" data-testid={`${testId}-count`}>{value.count}</Text>
    <Text color="grey60" data-testid={`${testId}-total`}>{formatEuros(value.totalCents)}</Text>
  </Box>
)

/** "Rapprochement": the counters, then each payment to reconcile with its best suggestion and one click. */
const Dashboard: React.FC = () => {
  const notice = useNotice()
  const [data, setData] = useState<Data | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const load = () =>
    api
      // A resource action rather than getDashboard: the widget then works as the dashboard, as a page or inside the host's own.
      .resourceAction({ resourceId: RESOURCE, actionName: 'tableauDeBord' })
      .then((response) => setData(response.data as unknown as Data))
      .catch(() => setError('Impossible de charger le tableau de bord.'))
  useEffect(() => {
    void load()
  }, [])

  const runResourceAction = async (actionName: string) => {
    setBusy(actionName)
    try {
      const response = await api.resourceAction({ resourceId: RESOURCE, actionName, method: 'post', data: {} })
      const result = response.data as { ok?: boolean; message?: string }
      notice({ message: result.message ?? 'Terminé.', type: result.ok ? 'success' : 'error' })
      await load()
    } finally {
      setBusy(null)
    }
  }

  const accept = async (payment: Payment) => {
    if (!payment.best) return
    setBusy(payment.id)
    try {
      const body = {
        op: 'associate',
        mode: 'SUGGESTION',
        allocations: payment.best.allocations.map((a) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents })),
      }
      const response = await api.recordAction({ resourceId: RESOURCE, recordId: payment.id, actionName: 'associer', method: 'post', data: { body: JSON.stringify(body) } })
      const result = response.data as { notice?: { message: string; type: 'success' | 'error' } }
      if (result.notice) notice(result.notice)
      await load()
    } finally {
      setBusy(null)
    }
  }

  if (error) return <MessageBox m="xl" variant="danger" message={error} />
  if (!data) return <Loader />
  const { stats, payments, canReconcile, unreadNotifications } = data
  return (
    <Box variant="grey" p="xl">
      <Box flex flexDirection="row" justifyContent="space-between" alignItems="center">
        <H2>Rapprochement bancaire</H2>
        {canReconcile && (
          <Box>
            <Button mr="default" disabled={busy !== null} onClick={() => runResourceAction('synchroniserQonto')} data-testid="dashboard-sync">
              Synchroniser Qonto
            </Button>
            <Button variant="contained" disabled={busy !== null} onClick={() => runResourceAction('rapprocherTout')} data-testid="dashboard-auto">
              Rapprocher automatiquement
            </Button>
          </Box>
        )}
      </Box>
      <FeedHealth data={(data as { feedHealth?: FeedHealthData }).feedHealth} />
      <Box flex flexDirection="row" flexWrap="wrap" mt="lg">
        <Card title="À rapprocher" value={stats.toReconcile} testId="stat-to-reconcile" />
        <Card title="Rapprochés" value={stats.reconciled} testId="stat-reconciled" />
        <Card title="Factures en attente" value={stats.awaitingPayment} testId="stat-awaiting" />
        <Card title="Factures en retard" value={stats.overdue} testId="stat-overdue" />
      </Box>
      {unreadNotifications > 0 && (
        <MessageBox mt="lg" variant="info" data-testid="unread-notifications">
          <Text>{unreadNotifications} notification{unreadNotifications > 1 ? 's' : ''} non lue{unreadNotifications > 1 ? 's' : ''}</Text>
        </MessageBox>
      )}
      {stats.flagged > 0 && (
        <MessageBox mt="lg" variant="warning" message={`${stats.flagged} paiement(s) rapproché(s) ont été refusés ou annulés par la banque : à vérifier.`} />
      )}
      <Box variant="card" p="lg" mt="xl">
        <H5>Paiements à rapprocher</H5>
        {payments.length === 0 ? (
          <Text>Tous les paiements sont rapprochés.</Text>
        ) : (
          <Table data-testid="payments-to-reconcile">
            <TableHead>
              <TableRow>
                <TableCell>Date</TableCell><TableCell>Montant</TableCell><TableCell>Émetteur</TableCell><TableCell>Motif</TableCell><TableCell>Meilleure suggestion</TableCell><TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {payments.map((payment) => (
                <TableRow key={payment.id} data-testid="payment-row">
                  <TableCell>{new Date(payment.date).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}</TableCell>
                  <TableCell>{formatEuros(payment.remainingCents)}</TableCell>
                  <TableCell>{payment.payer ?? '—'}</TableCell>
                  <TableCell>{payment.reference ?? '—'}</TableCell>
                  <TableCell>
                    {payment.best ? (
                      <Box>
                        <Text>
                          {payment.best.invoices.map((i) => i.reference).join(' + ')} <Badge size="sm">{Math.round(payment.best.score * 100)} %</Badge>
                        </Text>
                        <Text color="grey60" fontSize="sm">{payment.best.reasons[0]?.label}</Text>
                      </Box>
                    ) : (
                      <Text color="grey60">Aucune</Text>
                    )}
                  </TableCell>
                  <TableCell>
                    {canReconcile && payment.best && (
                      <Button size="sm" variant="contained" mr="sm" disabled={busy !== null} onClick={() => accept(payment)} data-testid="dashboard-accept">
                        Associer
                      </Button>
                    )}
                    {canReconcile && <Link href={`${rootPath()}/resources/${RESOURCE}/records/${payment.id}/associer`}>Détails</Link>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  )
}

export default Dashboard

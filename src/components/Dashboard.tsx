import React, { useEffect, useState } from 'react'
import { ApiClient } from 'adminjs'
import { Box, H2, H5, Text, Loader, MessageBox } from '@adminjs/design-system'
import { formatEuros } from './format.js'

interface CountAndSum { count: number; totalCents: number }
interface Stats {
  toReconcile: CountAndSum
  reconciled: CountAndSum
  awaitingPayment: CountAndSum
  overdue: CountAndSum
  flagged: number
}

const api = new ApiClient()

const Card: React.FC<{ title: string; value: CountAndSum; testId: string }> = ({ title, value, testId }) => (
  <Box variant="card" flex flexDirection="column" width={[1, 1 / 2, 1 / 4]} p="lg" m="sm" data-testid={testId}>
    <H5>{title}</H5>
    <Text fontSize="xl" fontWeight="bold" data-testid={`${testId}-count`}>{value.count}</Text>
    <Text color="grey60" data-testid={`${testId}-total`}>{formatEuros(value.totalCents)}</Text>
  </Box>
)

const Dashboard: React.FC = () => {
  const [stats, setStats] = useState<Stats | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api
      .getDashboard<Stats>()
      .then((response) => setStats(response.data))
      .catch(() => setError('Impossible de charger le tableau de bord.'))
  }, [])

  return (
    <Box variant="grey" p="xl">
      <H2>Rapprochement bancaire</H2>
      <Text mb="lg">Paiements Qonto reçus et factures clients en attente.</Text>
      {error && <MessageBox variant="danger" message={error} />}
      {!stats && !error && <Loader />}
      {stats && (
        <Box flex flexDirection="row" flexWrap="wrap">
          <Card title="À rapprocher" value={stats.toReconcile} testId="stat-to-reconcile" />
          <Card title="Rapprochés" value={stats.reconciled} testId="stat-reconciled" />
          <Card title="Factures en attente" value={stats.awaitingPayment} testId="stat-awaiting" />
          <Card title="Factures en retard" value={stats.overdue} testId="stat-overdue" />
        </Box>
      )}
      {stats && stats.flagged > 0 && (
        <MessageBox
          mt="lg"
          variant="warning"
          message={`${stats.flagged} paiement(s) rapproché(s) ont été refusés ou annulés par la banque : à vérifier.`}
        />
      )}
    </Box>
  )
}

export default Dashboard

import React, { useState } from 'react'
import { ApiClient, type ActionProps } from 'adminjs'
import { Box, Button, H3, Loader, MessageBox, Text } from '@adminjs/design-system'

const api = new ApiClient()

/** "Synchroniser Qonto": runs the sync by POST (never on GET) and shows its summary. */
const SyncQonto: React.FC<ActionProps> = ({ resource }) => {
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)

  const run = async () => {
    setRunning(true)
    setResult(null)
    try {
      const response = await api.resourceAction({ resourceId: resource.id, actionName: 'synchroniserQonto', method: 'post' })
      const data = response.data as { ok?: boolean; message?: string }
      setResult({ ok: Boolean(data.ok), message: data.message ?? 'Réponse inattendue du serveur.' })
    } catch {
      setResult({ ok: false, message: 'La synchronisation a échoué (erreur réseau).' })
    } finally {
      setRunning(false)
    }
  }

  return (
    <Box variant="card" p="xl">
      <H3>Synchroniser Qonto</H3>
      <Text mb="lg">Importe les transactions modifiées depuis la dernière synchronisation.</Text>
      <Button variant="contained" onClick={run} disabled={running} data-testid="sync-qonto">
        {running ? 'Synchronisation…' : 'Lancer la synchronisation'}
      </Button>
      {running && <Loader />}
      {result && <MessageBox mt="lg" variant={result.ok ? 'success' : 'danger'} message={result.message} data-testid="sync-result" />}
    </Box>
  )
}

export default SyncQonto

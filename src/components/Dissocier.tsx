import React, { useEffect, useState } from 'react'
import { ApiClient } from 'adminjs'
import { withLiveHeader, type LiveProps } from './LiveActionHeader.js'
import { failureMessage, postCommand } from './action-request.js'
import { Box, Button, H5, Loader, MessageBox, Text } from '@adminjs/design-system'
import { euros } from './panel-format.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().dissocier

interface AssociatedInvoice { invoiceId: string; reference: string; client: string | null; amountCents: number; writeOffCents: number; writeOff: string | null; email: string | null }

const api = new ApiClient()
const nowrap: React.CSSProperties = { whiteSpace: 'nowrap' }
const associerUrl = (id: string) => `${rootPath()}/resources/${TRANSACTIONS}/records/${encodeURIComponent(id)}/associer`

/** "Dissocier": what will be undone (invoices, amounts, write-offs, client e-mails), one confirmation, then what happened to the e-mails. */
const Dissocier: React.FC<LiveProps> = ({ action, resource, record, follow }) => {
  const [invoices, setInvoices] = useState<AssociatedInvoice[] | null>(null)
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; message: string; emailNotices: string[]; nextId: string | null } | null>(null)
  const base = { resourceId: resource.id, recordId: record!.id, actionName: action.name }

  useEffect(() => {
    void api.recordAction({ ...base, method: 'get' }).then((response) => {
      setInvoices(((response.data as { preview?: { invoices: AssociatedInvoice[] } }).preview?.invoices) ?? [])
    }, (failure: unknown) => {
      setInvoices([])
      setResult({ ok: false, message: failureMessage(failure), emailNotices: [], nextId: null })
    })
  }, [])

  const run = async () => {
    setRunning(true)
    try {
      const response = await api.recordAction({ ...base, ...postCommand({}) })
      follow(response.data)
      const data = response.data as { ok?: boolean; message?: string; summary?: string; emailNotices?: string[]; nextTransactionId?: string | null }
      const message = data.summary ?? data.message ?? T.reponseInattendueDuServeur
      setResult({ ok: Boolean(data.ok), message, emailNotices: data.emailNotices ?? [], nextId: data.nextTransactionId ?? null })
    } catch (failure) {
      setResult({ ok: false, message: failureMessage(failure), emailNotices: [], nextId: null })
    } finally {
      setRunning(false)
    }
  }

  if (invoices === null) return <Loader />
  if (result?.ok) {
    return (
      <Box variant="card" p="xl" data-testid="dissocier-done">
        <MessageBox variant="success" message={result.message} data-testid="run-action-result" />
        {result.emailNotices.map((n) => (
          <Text key={n} mt="default" fontWeight="bold" data-testid="dissocier-email">{n}</Text>
        ))}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 24 }}>
          <Button as="a" href={associerUrl(record!.id)} variant="contained" data-testid="associate-again">{T.associerANouveau}</Button>
          {result.nextId && <Button as="a" href={associerUrl(result.nextId)} variant="outlined" data-testid="next-payment">{T.paiementSuivant}</Button>}
        </div>
      </Box>
    )
  }
  return (
    <Box variant="card" p="xl" data-testid="dissocier-preview">
      {invoices.length === 0 ? (
        <Text>{T.cePaiementNEst}</Text>
      ) : (
        <>
          <H5>{T.dissocierAnnulera}</H5>
          {invoices.map((i) => (
            <Box key={i.invoiceId} mb="lg" data-testid="dissocier-invoice">
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                <Text fontWeight="bold" style={nowrap}>{i.reference}</Text>
                <Text style={{ overflowWrap: 'anywhere' }}>{i.client ?? T.unknownClient}</Text>
                <Text><span style={nowrap}>{euros(i.amountCents)}</span> {T.affectesLaFactureRepasse}</Text>
              </div>
              {i.writeOff && <Text color="grey60">{i.writeOff} {T.annuleAussi}</Text>}
              {i.email && <Text color="grey60">{i.email}</Text>}
            </Box>
          ))}
          <Button variant="contained" color="danger" onClick={run} disabled={running} data-testid="run-action">
            {running ? T.enCours : T.unmatch}
          </Button>
        </>
      )}
      {result && !result.ok && <MessageBox mt="lg" variant="danger" message={result.message} data-testid="run-action-result" />}
    </Box>
  )
}

export default withLiveHeader(Dissocier)

import React, { useEffect, useMemo, useState } from 'react'
import { ApiClient, useNotice, type ActionProps } from 'adminjs'
import { Badge, Box, Button, H3, H5, Input, Loader, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system'
import { formatEuros, parseAmount } from '../domain/money.js'

interface InvoiceView { id: string; reference: string; client: string | null; totalCents: number; openCents: number; dateEcheance: string | null }
interface SuggestionView {
  score: number
  autoApply: boolean
  reasons: Array<{ code: string; label: string }>
  allocations: Array<{ invoiceId: string; amountCents: number }>
  invoices: Array<InvoiceView & { allocatedCents: number; remainingAfterCents: number }>
}
interface TransactionView { amountCents: number; remainingCents: number; payer: string | null; iban: string | null; reference: string | null; label: string | null; date: string }

const api = new ApiClient()
const frenchDate = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('fr-FR', { timeZone: 'UTC' }) : '—')
/** "1 500,50 €" / "1500.5" → cents, or null when it is not an amount. */
function parseCents(text: string): number | null {
  try {
    return parseAmount(text.replace(/€/g, ''))
  } catch {
    return null
  }
}

/** "Associer": the payment, ranked suggestions with reasons, and a manual search for partial or grouped allocations. */
const Associer: React.FC<ActionProps> = ({ resource, record }) => {
  const notice = useNotice()
  const [transaction, setTransaction] = useState<TransactionView | null>(null)
  const [suggestions, setSuggestions] = useState<SuggestionView[] | null>(null)
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<InvoiceView[]>([])
  const [selection, setSelection] = useState<Record<string, { invoice: InvoiceView; amount: string }>>({})
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)

  const call = (body: object) =>
    api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: 'associer', method: 'post', data: { body: JSON.stringify(body) } })

  const load = async () => {
    const response = await call({ op: 'suggest' })
    const data = response.data as unknown as { transaction: TransactionView; suggestions: SuggestionView[] }
    setTransaction(data.transaction)
    setSuggestions(data.suggestions)
  }
  useEffect(() => {
    void load()
  }, [])

  const associate = async (allocations: Array<{ invoiceId: string; amountCents: number }>, extra: object) => {
    setBusy(true)
    try {
      const response = await call({ op: 'associate', allocations, ...extra })
      const data = response.data as { ok?: boolean; notice?: { message: string; type: 'success' | 'error' } }
      if (data.notice) notice({ message: data.notice.message, type: data.notice.type })
      if (data.ok) {
        setDone(data.notice?.message ?? 'Paiement associé.')
        setSelection({})
      }
      await load()
    } finally {
      setBusy(false)
    }
  }

  const search = async () => {
    const response = await call({ op: 'search', query })
    setResults((response.data as unknown as { invoices: InvoiceView[] }).invoices)
  }

  const selected = Object.values(selection)
  const selectedTotal = useMemo(() => selected.reduce((sum, s) => sum + (parseCents(s.amount) ?? 0), 0), [selection])
  const selectionValid = selected.length > 0 && selected.every((s) => {
    const cents = parseCents(s.amount)
    return cents !== null && cents > 0 && cents <= s.invoice.openCents
  }) && transaction !== null && selectedTotal <= transaction.remainingCents

  if (!transaction || !suggestions) return <Loader />
  return (
    <Box>
      <Box variant="card" p="lg" mb="lg" data-testid="transaction-summary">
        <H3>{formatEuros(transaction.amountCents)} reçus le {frenchDate(transaction.date)}</H3>
        <Text>Émetteur : {transaction.payer ?? '—'} · IBAN : {transaction.iban ?? '—'}</Text>
        <Text>Motif : {transaction.reference ?? '—'}</Text>
        <Text mt="sm" fontWeight="bold" data-testid="transaction-remaining">Reste à affecter : {formatEuros(transaction.remainingCents)}</Text>
      </Box>
      {done && <MessageBox mb="lg" variant="success" message={done} data-testid="associer-done" />}

      <H5>Suggestions</H5>
      {transaction.remainingCents > 0 && suggestions.length === 0 && <Text mb="lg">Aucune facture ne correspond : utilisez la recherche ci-dessous.</Text>}
      {transaction.remainingCents > 0 && suggestions.map((suggestion, index) => (
        <Box key={index} variant="card" p="lg" mb="default" data-testid="suggestion">
          <Box flex flexDirection="row" justifyContent="space-between" alignItems="center">
            <Box>
              <Text fontWeight="bold">
                {suggestion.invoices.map((i) => `${i.reference} (${i.client ?? 'client inconnu'})`).join(' + ')}
              </Text>
              {suggestion.invoices.map((i) => (
                <Text key={i.id} color="grey60">
                  {i.reference} : {formatEuros(i.allocatedCents)} affectés sur {formatEuros(i.openCents)} dus
                  {i.remainingAfterCents > 0 ? ` · reste ${formatEuros(i.remainingAfterCents)}` : ' · soldée'}
                </Text>
              ))}
            </Box>
            <Box flex flexDirection="row" alignItems="center">
              <Badge mr="default" variant={suggestion.score >= 0.8 ? 'success' : suggestion.score >= 0.5 ? 'info' : 'default'}>
                {Math.round(suggestion.score * 100)} %
              </Badge>
              {suggestion.autoApply && <Badge mr="default" variant="success">sans ambiguïté</Badge>}
              <Button
                variant="contained"
                disabled={busy}
                data-testid={`accept-suggestion-${index}`}
                onClick={() => associate(suggestion.allocations.map((a) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents })), { mode: 'SUGGESTION' })}
              >
                Associer
              </Button>
            </Box>
          </Box>
          <Box as="ul" mt="default" pl="xl">
            {suggestion.reasons.map((r) => (
              <li key={r.code + r.label}><Text as="span">{r.label}</Text></li>
            ))}
          </Box>
        </Box>
      ))}

      {transaction.remainingCents > 0 && (
        <Box variant="card" p="lg" mt="xl">
          <H5>Association manuelle</H5>
          <Box flex flexDirection="row" mb="default">
            <Input value={query} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)} placeholder="N° de facture, client ou montant" width={1 / 2} data-testid="invoice-search" />
            <Button ml="default" onClick={search} data-testid="invoice-search-button">Rechercher</Button>
          </Box>
          {results.length > 0 && (
            <Table>
              <TableHead><TableRow><TableCell>Facture</TableCell><TableCell>Client</TableCell><TableCell>Reste dû</TableCell><TableCell>Échéance</TableCell><TableCell /></TableRow></TableHead>
              <TableBody>
                {results.map((invoice) => (
                  <TableRow key={invoice.id}>
                    <TableCell>{invoice.reference}</TableCell>
                    <TableCell>{invoice.client ?? '—'}</TableCell>
                    <TableCell>{formatEuros(invoice.openCents)}</TableCell>
                    <TableCell>{frenchDate(invoice.dateEcheance)}</TableCell>
                    <TableCell>
                      <Button size="sm" disabled={Boolean(selection[invoice.id])} onClick={() => {
                        const already = Object.values(selection).reduce((sum, s) => sum + (parseCents(s.amount) ?? 0), 0)
                        const amount = Math.max(0, Math.min(invoice.openCents, transaction.remainingCents - already))
                        setSelection({ ...selection, [invoice.id]: { invoice, amount: (amount / 100).toFixed(2).replace('.', ',') } })
                      }}>Ajouter</Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {selected.length > 0 && (
            <Box mt="lg" data-testid="manual-selection">
              {selected.map(({ invoice, amount }) => {
                const cents = parseCents(amount)
                return (
                  <Box key={invoice.id} flex flexDirection="row" alignItems="center" mb="sm">
                    <Text width={1 / 3}>{invoice.reference} ({formatEuros(invoice.openCents)} dus)</Text>
                    <Input value={amount} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSelection({ ...selection, [invoice.id]: { invoice, amount: e.target.value } })} />
                    <Text ml="default" color={cents === null || cents > invoice.openCents ? 'error' : 'grey60'}>
                      {cents === null ? 'montant invalide' : cents > invoice.openCents ? 'supérieur au reste dû' : `reste ${formatEuros(invoice.openCents - cents)} sur la facture`}
                    </Text>
                    <Button ml="default" size="sm" variant="text" onClick={() => { const next = { ...selection }; delete next[invoice.id]; setSelection(next) }}>Retirer</Button>
                  </Box>
                )
              })}
              <Text mt="default">
                Total affecté : {formatEuros(selectedTotal)} · reste sur le paiement : {formatEuros(transaction.remainingCents - selectedTotal)}
              </Text>
              <Button mt="default" variant="contained" disabled={!selectionValid || busy} data-testid="associate-selection"
                onClick={() => associate(selected.map((s) => ({ invoiceId: s.invoice.id, amountCents: parseCents(s.amount)! })), { mode: 'MANUEL' })}>
                Associer la sélection
              </Button>
            </Box>
          )}
        </Box>
      )}
    </Box>
  )
}

export default Associer

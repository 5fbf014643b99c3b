import React, { useEffect, useMemo, useRef, useState } from 'react'
import { ApiClient } from 'adminjs'
import { withLiveHeader, type LiveProps } from './LiveActionHeader.js'
import { failureMessage, postCommand } from './action-request.js'
import { Box, Button, H3, H5, Input, Loader, MessageBox, Text } from '@adminjs/design-system'
import { formatEuros, parseAmount } from '../domain/money.js'
import { confidenceTier, type ConfidenceTier } from '../domain/matching/confidence.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import { MethodTag } from './MethodTag.js'
import type { MatchMethod } from '../domain/matching/types.js'
import { DeclineButtons, LearningPanel, type DeclineView, type LearnedView, type PayerLearning } from './LearningPanel.js'
import { SurplusPanel, type SurplusView } from './SurplusPanel.js'
import { confidenceWords, panelTexts } from './i18n/texts.js'

const T = panelTexts().associer
const CONFIDENCE_LABELS = panelTexts().labels.tiers

interface InvoiceView { id: string; reference: string; client: string | null; totalCents: number; openCents: number; dateEmission: string; dateEcheance: string | null }
interface SuggestionView {
  score: number
  autoApply: boolean
  notSureBecause?: string
  method?: MatchMethod
  reasons: Array<{ code: string; label: string }>
  allocations: Array<{ invoiceId: string; amountCents: number }>
  invoices: Array<InvoiceView & { allocatedCents: number; remainingAfterCents: number }>
}
interface TransactionView { amountCents: number; remainingCents: number; payer: string | null; iban: string | null; reference: string | null; label: string | null; date: string }
interface AssociatedInvoice { invoiceId: string; reference: string; client: string | null; amountCents: number; writeOffCents: number; writeOff: string | null; email: string | null }
interface SuggestAnswer {
  transaction: TransactionView
  suggestions: SuggestionView[]
  associated: AssociatedInvoice[]
  nextTransactionId: string | null
  notReconcilable: string | null
  ignored: boolean
  writeOff: { maxCents: number; account: string }
  email: { enabled: boolean; graceMinutes: number }
  emailRecipients: Record<string, string | null>
  declined: DeclineView[]
  learning: PayerLearning | null
  learned: LearnedView[]
  surplus: SurplusView
  duplicateOf: { explanation: string } | null
}
type Motif = 'FRAIS_BANCAIRES' | 'ARRONDI' | 'AUTRE'
const MOTIFS: Record<Motif, string> = { FRAIS_BANCAIRES: T.fraisBancaires, ARRONDI: T.rounding, AUTRE: T.other }
interface Line { invoice: InvoiceView; amountCents: number }
/** What the confirmation step summarises before anything changes. */
interface Proposal { mode: 'SUGGESTION' | 'MANUEL'; lines: Line[]; writeOffs: Array<{ invoiceId: string; amountCents: number; motif: Motif }>; tier: ConfidenceTier | null; reasons: string[] }

const api = new ApiClient()
const TIER_STYLE: Record<ConfidenceTier, { background: string; color: string }> = {
  SUR: { background: '#1b7f3b', color: '#fff' },
  PROBABLE: { background: '#b35c00', color: '#fff' },
  A_VERIFIER: { background: '#b3261e', color: '#fff' },
}
const nowrap: React.CSSProperties = { whiteSpace: 'nowrap' }
const wrapAnywhere: React.CSSProperties = { overflowWrap: 'anywhere', minWidth: 0 }
/** Amounts and dates never break ("2 100,00 €", "24/11/2026"). */
const Euros: React.FC<{ cents: number }> = ({ cents }) => <span style={nowrap}>{formatEuros(cents)}</span>
const frenchDate = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' }) : '—')
const Day: React.FC<{ iso: string | null }> = ({ iso }) => <span style={nowrap}>{frenchDate(iso)}</span>
const associerUrl = (id: string) => `${rootPath()}/resources/${TRANSACTIONS}/records/${encodeURIComponent(id)}/associer`
const dissocierUrl = (id: string) => `${rootPath()}/resources/${TRANSACTIONS}/records/${encodeURIComponent(id)}/dissocier`

/** "1 500,50 €" / "1500.5" → cents, or null when it is not an amount. */
function parseCents(text: string): number | null {
  try {
    return parseAmount(text.replace(/€/g, ''))
  } catch {
    return null
  }
}
const toInput = (cents: number) => (cents / 100).toFixed(2).replace('.', ',')

const TierBadge: React.FC<{ suggestion: SuggestionView }> = ({ suggestion }) => {
  const tier = confidenceTier(suggestion)
  return (
    <>
      <span data-testid="confidence" data-tier={tier} style={{ ...TIER_STYLE[tier], ...nowrap, borderRadius: 12, padding: '2px 10px', fontSize: 13, fontWeight: 600 }}>
        {confidenceWords(suggestion)}
      </span>
      {suggestion.notSureBecause && <Text as="span" color="grey60" data-testid="not-sure-because">{suggestion.notSureBecause}</Text>}
    </>
  )
}

const Row: React.FC<React.PropsWithChildren<{ testId?: string }>> = ({ children, testId }) => (
  <div data-testid={testId} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>{children}</div>
)

/** The next step once a payment is handled: the oldest payment still to reconcile, or the end of the work. */
const NextStep: React.FC<{ nextId: string | null }> = ({ nextId }) =>
  nextId ? (
    <Box mt="lg">
      <Button as="a" href={associerUrl(nextId)} variant="contained" data-testid="next-payment">{T.paiementSuivant}</Button>
    </Box>
  ) : (
    <MessageBox mt="lg" variant="success" message={T.termineTousLesPaiements} data-testid="all-done" />
  )

/** "Associer": the payment, suggestions by confidence, a search for partial or grouped allocations, a confirmation step, then the next payment. */
const Associer: React.FC<LiveProps> = ({ resource, record, follow }) => {
  const [data, setData] = useState<SuggestAnswer | null>(null)
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<InvoiceView[] | null>(null)
  const [recipients, setRecipients] = useState<Record<string, string | null>>({})
  const [selection, setSelection] = useState<Record<string, { invoice: InvoiceView; amount: string; writeOff: Motif | null }>>({})
  const [proposal, setProposal] = useState<Proposal | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<{ message: string; emailNotice?: string; nextId: string | null } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const confirmPanel = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (proposal) confirmPanel.current?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }, [proposal])

  const call = async (body: object) => {
    const response = await api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: 'associer', ...postCommand(body) })
    follow(response.data)
    return response
  }

  const load = async () => {
    const answer = (await call({ op: 'suggest' })).data as unknown as SuggestAnswer
    setRecipients((known) => ({ ...known, ...answer.emailRecipients }))
    setData(answer)
  }
  const search = async (text: string) => {
    const answer = (await call({ op: 'search', query: text })).data as unknown as { invoices: InvoiceView[]; emailRecipients?: Record<string, string | null> }
    setRecipients((known) => ({ ...known, ...answer.emailRecipients }))
    setResults(answer.invoices)
  }
  useEffect(() => {
    load().catch((failure: unknown) => setError(failureMessage(failure)))
    search('').catch((failure: unknown) => setError(failureMessage(failure)))
  }, [])

  const send = async (p: Proposal, confirmed: boolean) => {
    setBusy(true)
    setError(null)
    try {
      const response = await call({
        op: 'associate',
        mode: p.mode,
        allocations: p.lines.map((l) => ({ invoiceId: l.invoice.id, amountCents: l.amountCents })),
        ...(p.writeOffs.length > 0 ? { writeOffs: p.writeOffs } : {}),
        ...(confirmed ? { confirmed: true } : {}),
      })
      const answer = response.data as { ok?: boolean; needsConfirmation?: boolean; notice?: { message: string; type: 'success' | 'error' | 'info' }; emailNotice?: string; nextTransactionId?: string | null }
      if (answer.needsConfirmation) {
        setProposal(p)
        return
      }
      if (answer.ok) {
        setDone({ message: answer.notice?.message ?? T.paiementAssocie, emailNotice: answer.emailNotice, nextId: answer.nextTransactionId ?? null })
        setSelection({})
        setProposal(null)
        await load()
        search(query).catch((failure: unknown) => setError(failureMessage(failure)))
      } else {
        setError(answer.notice?.message ?? T.lAssociationAEchoue)
      }
    } catch (failure) {
      setError(failureMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  /** Learning commands (ne plus proposer, rétablir, ne pas apprendre): the server answers, then the page reloads. */
  const runLearning = async (body: object) => {
    setBusy(true)
    setError(null)
    try {
      const answer = (await call(body)).data as { ok?: boolean; notice?: { message: string } }
      if (answer.ok) setDone({ message: answer.notice?.message ?? T.termine, nextId: null })
      else setError(answer.notice?.message ?? T.lActionAEchoue)
      await load()
    } finally {
      setBusy(false)
    }
  }

  const selected = Object.values(selection)
  const selectedTotal = useMemo(() => selected.reduce((sum, s) => sum + (parseCents(s.amount) ?? 0), 0), [selection])

  if (!data) return error ? <MessageBox variant="danger" message={error} data-testid="associer-error" /> : <Loader />
  const { transaction, suggestions, writeOff, email } = data
  const writeOffFor = (openCents: number, cents: number | null) => (cents !== null && cents > 0 && cents < openCents && openCents - cents <= writeOff.maxCents ? openCents - cents : 0)
  const selectionValid =
    selected.length > 0 &&
    selected.every((s) => {
      const cents = parseCents(s.amount)
      return cents !== null && cents > 0 && cents <= s.invoice.openCents
    }) &&
    selectedTotal <= transaction.remainingCents

  const manualProposal = (): Proposal => ({
    mode: 'MANUEL',
    tier: null,
    reasons: [],
    lines: selected.map((s) => ({ invoice: s.invoice, amountCents: parseCents(s.amount)! })),
    writeOffs: selected.flatMap((s) => {
      const gap = writeOffFor(s.invoice.openCents, parseCents(s.amount))
      return s.writeOff && gap > 0 ? [{ invoiceId: s.invoice.id, amountCents: gap, motif: s.writeOff }] : []
    }),
  })
  const suggestionProposal = (s: SuggestionView): Proposal => ({
    mode: 'SUGGESTION',
    tier: confidenceTier(s),
    reasons: s.reasons.map((r) => r.label),
    lines: s.invoices.map((i) => ({ invoice: i, amountCents: i.allocatedCents })),
    writeOffs: [],
  })

  const open = transaction.remainingCents > 0 && !data.notReconcilable && !data.ignored
  return (
    <Box style={{ maxWidth: '100%', overflowX: 'hidden' }}>
      <Box variant="card" p="lg" mb="lg" data-testid="transaction-summary">
        <H3 style={{ marginBottom: 8 }}>
          <Euros cents={transaction.amountCents} /> {T.recusLe} <Day iso={transaction.date} />
        </H3>
        <Text style={wrapAnywhere}>{T.emetteur} {transaction.payer ?? '—'}</Text>
        <Text style={wrapAnywhere}>{T.iban} {transaction.iban ?? '—'}</Text>
        <Text style={wrapAnywhere}>{T.reference} {transaction.reference ?? transaction.label ?? '—'}</Text>
        <Text mt="sm" fontWeight="bold" data-testid="transaction-remaining">
          {T.resteAAffecter} <Euros cents={transaction.remainingCents} />
        </Text>
      </Box>

      {done && (
        <Box variant="card" p="lg" mb="lg" data-testid="associer-done" style={{ borderLeft: '6px solid #1b7f3b' }}>
          <Text fontWeight="bold">{done.message}</Text>
          {done.emailNotice && <Text mt="sm" data-testid="email-notice">{done.emailNotice}</Text>}
          {transaction.remainingCents === 0 && <NextStep nextId={done.nextId} />}
        </Box>
      )}
      {error && <MessageBox mb="lg" variant="danger" message={error} data-testid="associer-error" onCloseClick={() => setError(null)} />}

      <SurplusPanel surplus={data.surplus} duplicateOf={data.duplicateOf} busy={busy} run={runLearning} />
      {data.notReconcilable && <MessageBox mb="lg" variant="info" message={data.notReconcilable} />}
      {data.ignored && transaction.remainingCents > 0 && <MessageBox mb="lg" variant="info" message={T.cePaiementEstExplique} />}

      {transaction.remainingCents === 0 && !done && (
        <Box variant="card" p="lg" mb="lg" data-testid="already-reconciled">
          <H5>{T.cePaiementEstRapproche}</H5>
          {data.associated.map((a) => (
            <Box key={a.invoiceId} mb="default">
              <Row>
                <Text fontWeight="bold" style={nowrap}>{a.reference}</Text>
                <Text style={wrapAnywhere}>{a.client ?? T.unknownClient}</Text>
                <Text><Euros cents={a.amountCents} /> {T.affectes}</Text>
              </Row>
              {a.writeOff && <Text color="grey60">{a.writeOff}</Text>}
              {a.email && <Text color="grey60">{a.email}</Text>}
            </Box>
          ))}
          <Row>
            {resource.actions.some((a) => a.name === 'dissocier') && <Button as="a" href={dissocierUrl(record!.id)} variant="outlined" data-testid="go-dissocier">{T.dissocier}</Button>}
          </Row>
          <NextStep nextId={data.nextTransactionId} />
        </Box>
      )}

      {proposal && (
        <Box variant="card" p="lg" mb="lg" data-testid="confirm-panel" ref={confirmPanel} style={{ borderLeft: '6px solid #b35c00', scrollMarginTop: 80 }}>
          <H5>{T.confirmerLAssociation}</H5>
          {proposal.tier && (
            <Text mb="default">
              {T.suggestion} {CONFIDENCE_LABELS[proposal.tier]} {T.verifiezQueCePaiement} {proposal.lines.length > 1 ? T.cesFactures : T.cetteFacture}.
            </Text>
          )}
          {proposal.mode === 'MANUEL' && <Text mb="default">{T.associationManuelleVerifiezLes}</Text>}
          {proposal.reasons.length > 0 && (
            <Box as="ul" mb="default" pl="xl">{proposal.reasons.map((r) => <li key={r}><Text as="span">{r}</Text></li>)}</Box>
          )}
          {proposal.lines.map((l) => {
            const w = proposal.writeOffs.find((x) => x.invoiceId === l.invoice.id)
            const after = l.invoice.openCents - l.amountCents - (w?.amountCents ?? 0)
            return (
              <Box key={l.invoice.id} mb="default" data-testid="confirm-line">
                <Row>
                  <Text fontWeight="bold" style={nowrap}>{l.invoice.reference}</Text>
                  <Text style={wrapAnywhere}>{l.invoice.client ?? T.unknownClient}</Text>
                  <Text><Euros cents={l.amountCents} /> {T.affectesSur} <Euros cents={l.invoice.openCents} /> {T.dus}</Text>
                </Row>
                {w && <Text data-testid="confirm-write-off">{T.ecartDe} <Euros cents={w.amountCents} /> {T.passeEn} {writeOff.account} {MOTIFS[w.motif]}</Text>}
                <Text color="grey60">
                  {after === 0 ? T.laFactureSeraSoldee : <>{T.ilRestera} <Euros cents={after} /> {T.dusSurLaFacture}</>}
                  {after === 0 && email.enabled && recipients[l.invoice.id] &&
                    T.emailWillGo(l.invoice.reference, recipients[l.invoice.id]!, email.graceMinutes)}
                  {after === 0 && !email.enabled && T.aucunEMailNe}
                  {after === 0 && email.enabled && !recipients[l.invoice.id] && T.aucunEMailNe2}
                </Text>
              </Box>
            )
          })}
          <Text mb="default">
            {T.resteSurLePaiement} <Euros cents={transaction.remainingCents - proposal.lines.reduce((s, l) => s + l.amountCents, 0)} />
          </Text>
          <Row>
            <Button variant="contained" disabled={busy} onClick={() => send(proposal, true)} data-testid="confirm-association">{T.confirmerLAssociation}</Button>
            <Button variant="text" disabled={busy} onClick={() => setProposal(null)}>{T.annuler}</Button>
          </Row>
        </Box>
      )}

      {open && suggestions.length > 0 && (
        <Box mb="lg">
          <H5>{T.suggestions}</H5>
          {suggestions.map((suggestion, index) => {
            const tier = confidenceTier(suggestion)
            return (
              <Box key={index} variant="card" p="lg" mb="default" data-testid="suggestion" data-tier={tier} style={{ borderLeft: `6px solid ${TIER_STYLE[tier].background}` }}>
                <Row>
                  <TierBadge suggestion={suggestion} />
                  <Text fontWeight="bold" style={wrapAnywhere}>
                    {suggestion.invoices.map((i) => `${i.reference} (${i.client ?? T.unknownClient})`).join(' + ')}
                  </Text>
                </Row>
                {suggestion.invoices.map((i) => (
                  <Text key={i.id} color="grey60">
                    {i.reference}{T.colon}<Euros cents={i.allocatedCents} /> {T.affectesSur} <Euros cents={i.openCents} /> {T.dus}
                    {i.remainingAfterCents > 0 ? <> · {T.left} <Euros cents={i.remainingAfterCents} /></> : T.soldee}
                  </Text>
                ))}
                <MethodTag method={suggestion.method} />
                <Box as="ul" mt="default" mb="default" pl="xl">
                  {suggestion.reasons.map((r) => (
                    <li key={r.code + r.label}><Text as="span">{r.label}</Text></li>
                  ))}
                </Box>
                {tier === 'SUR' ? (
                  <Button variant="contained" disabled={busy} data-testid={`accept-suggestion-${index}`} onClick={() => send(suggestionProposal(suggestion), false)}>
                    {T.associer}
                  </Button>
                ) : (
                  <Button variant="outlined" disabled={busy} data-testid={`accept-suggestion-${index}`} onClick={() => setProposal(suggestionProposal(suggestion))}>
                    {T.verifierEtAssocier}
                  </Button>
                )}
                <DeclineButtons index={index} invoiceIds={suggestion.allocations.map((a) => a.invoiceId)} payerKnown={data.learning !== null} busy={busy} run={runLearning} />
              </Box>
            )
          })}
        </Box>
      )}
      {open && (data.declined.length > 0 || data.learning || data.learned.length > 0) && <LearningPanel declined={data.declined} learning={data.learning} learned={data.learned} busy={busy} run={runLearning} />}
      {open && suggestions.length === 0 && (
        <MessageBox mb="lg" variant="info" data-testid="no-suggestion"
          message={T.aucuneSuggestionAucuneFacture} />
      )}

      {open && (
        <Box variant="card" p="lg" mt="xl">
          <H5>{T.associationManuelle}</H5>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              search(query).catch((failure: unknown) => setError(failureMessage(failure)))
            }}
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}
          >
            <Input value={query} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)} placeholder={T.nDeFactureClient}
              style={{ flex: '1 1 220px', minWidth: 0 }} data-testid="invoice-search" aria-label={T.rechercherUneFacture} />
            <Button type="submit" data-testid="invoice-search-button">{T.rechercher}</Button>
          </form>
          {results !== null && results.length === 0 && <Text mb="default">{T.aucuneFactureOuverteNe}</Text>}
          {results !== null && results.length > 0 && (
            <Box data-testid="search-results">
              {query.trim() === '' && <Text color="grey60" mb="default">{T.facturesOuvertesLesPlus}</Text>}
              {results.map((invoice) => (
                <div key={invoice.id} data-testid="search-result" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 12px', padding: '8px 0', borderBottom: '1px solid #eee' }}>
                  <Text fontWeight="bold" style={nowrap}>{invoice.reference}</Text>
                  <Text style={{ ...wrapAnywhere, flex: '1 1 140px' }}>{invoice.client ?? '—'}</Text>
                  <Text>{T.reste} <Euros cents={invoice.openCents} /></Text>
                  <Text color="grey60">{invoice.dateEcheance ? <>{T.echeance} <Day iso={invoice.dateEcheance} /></> : <>{T.emiseLe} <Day iso={invoice.dateEmission} /></>}</Text>
                  <Button size="sm" disabled={Boolean(selection[invoice.id])} data-testid="add-invoice" onClick={() => {
                    const amount = Math.max(0, Math.min(invoice.openCents, transaction.remainingCents - selectedTotal))
                    setSelection({ ...selection, [invoice.id]: { invoice, amount: toInput(amount), writeOff: null } })
                  }}>{T.ajouter}</Button>
                </div>
              ))}
            </Box>
          )}
          {selected.length > 0 && (
            <Box mt="lg" data-testid="manual-selection">
              {selected.map(({ invoice, amount, writeOff: motif }) => {
                const cents = parseCents(amount)
                const gap = writeOffFor(invoice.openCents, cents)
                const update = (patch: Partial<{ amount: string; writeOff: Motif | null }>) => setSelection({ ...selection, [invoice.id]: { invoice, amount, writeOff: motif, ...patch } })
                return (
                  <Box key={invoice.id} mb="default">
                    <Row>
                      <Text style={nowrap}>{invoice.reference} (<Euros cents={invoice.openCents} /> {T.dus2}</Text>
                      <Input value={amount} onChange={(e: React.ChangeEvent<HTMLInputElement>) => update({ amount: e.target.value })} style={{ width: 120 }} data-testid="selection-amount" aria-label={T.amountFor(invoice.reference)} />
                      <Text color={cents === null || cents > invoice.openCents ? 'error' : 'grey60'}>
                        {cents === null ? T.montantInvalide : cents > invoice.openCents ? T.superieurAuResteDu : cents === invoice.openCents ? T.soldee2 : <>{T.reste} <Euros cents={invoice.openCents - cents} /> {T.surLaFacture}</>}
                      </Text>
                      <Button size="sm" variant="text" onClick={() => { const next = { ...selection }; delete next[invoice.id]; setSelection(next) }}>{T.retirer}</Button>
                    </Row>
                    {gap > 0 && (
                      <Box p="default" mb="default" style={{ background: '#f6f7fb', borderRadius: 4 }} data-testid="write-off">
                        <label style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
                          <input type="checkbox" checked={motif !== null} onChange={(e) => update({ writeOff: e.target.checked ? 'FRAIS_BANCAIRES' : null })} data-testid="write-off-toggle" />
                          <Text as="span">{T.solderAvecEcart}<Euros cents={gap} /> {T.auPlus} <Euros cents={writeOff.maxCents} />)</Text>
                        </label>
                        {motif && (
                          <Row>
                            <select value={motif} onChange={(e) => update({ writeOff: e.target.value as Motif })} aria-label={T.motifDeLEcart} data-testid="write-off-motif" style={{ padding: 6 }}>
                              {(Object.keys(MOTIFS) as Motif[]).map((m) => <option key={m} value={m}>{MOTIFS[m]}</option>)}
                            </select>
                            <Text>{T.ecartDe} <Euros cents={gap} /> {T.passeEn} {writeOff.account} {MOTIFS[motif]}</Text>
                          </Row>
                        )}
                      </Box>
                    )}
                  </Box>
                )
              })}
              {selectedTotal > transaction.remainingCents ? (
                <MessageBox mt="default" variant="danger" data-testid="over-allocation"
                  message={T.overAllocated(formatEuros(selectedTotal), formatEuros(selectedTotal - transaction.remainingCents), formatEuros(transaction.remainingCents))} />
              ) : (
                <Text mt="default">
                  {T.totalAffecte} <Euros cents={selectedTotal} /> {T.resteSurLePaiement2} <Euros cents={transaction.remainingCents - selectedTotal} />
                </Text>
              )}
              <Button mt="default" variant="contained" disabled={!selectionValid || busy} data-testid="associate-selection" onClick={() => setProposal(manualProposal())}>
                {T.associerLaSelection}
              </Button>
            </Box>
          )}
        </Box>
      )}
    </Box>
  )
}

export default withLiveHeader(Associer)

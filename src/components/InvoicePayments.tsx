import React, { useEffect, useState } from 'react'
import { ApiClient, useNotice } from 'adminjs'
import { failureMessage, postCommand } from './action-request.js'
import { Badge, Box, Button, H5, Link, Loader, MessageBox, Text } from '@adminjs/design-system'
import { day, euros } from './panel-format.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().invoicePayments

interface Payment { transactionId: string; date: string; payer: string | null; reference: string | null; amountCents: number; allocatedCents: number; writeOffCents?: number; writeOff?: string | null; mode: string; modeLabel?: string; by: string | null; at?: string }
interface Candidate { transactionId: string; date: string; payer: string | null; reference: string | null; label: string | null; remainingCents: number; proposedCents: number; score: number; tier?: 'SUR' | 'PROBABLE' | 'A_VERIFIER'; tierLabel?: string; confidence?: string; notSureBecause?: string | null; reasons: Array<{ code: string; label: string }> }

const TIER_VARIANT: Record<string, 'success' | 'info' | 'danger'> = { SUR: 'success', PROBABLE: 'info', A_VERIFIER: 'danger' }
interface Credit { id: string; availableCents: number; label: string }
interface Side { credits?: Credit[]; invoice: { reference: string; openCents: number; creditorReference?: string | null } | null; payments: Payment[]; candidates: Candidate[]; canReconcile: boolean }

const api = new ApiClient()
const ACTION = 'rapprocherPaiement'
const MODES: Record<string, string> = { MANUEL: T.manual, SUGGESTION: T.suggestionAcceptee, AUTOMATIQUE: T.automatic }

/**
 * On the host's invoice: the Qonto payments applied to it (show page), and in the action the credits
 * that could pay it, with the matcher's score and reasons, one click to associate.
 */
const InvoicePayments: React.FC<{ resource: { id: string }; record?: { id: string } | null; action?: { name: string } }> = ({ resource, record, action }) => {
  const notice = useNotice()
  const [side, setSide] = useState<Side | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  // The candidate whose association waits for a confirmation (not "sûr"), and the server's reason.
  const [confirming, setConfirming] = useState<{ id: string; message: string } | null>(null)
  const withCandidates = action?.name === ACTION
  const call = (data: object) =>
    api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: ACTION, ...postCommand(data) })
  const load = () => call({ op: 'list', withCandidates }).then((response) => setSide(response.data as unknown as Side))
  useEffect(() => {
    if (record?.id) load().catch((failure: unknown) => notice({ message: failureMessage(failure), type: 'error' }))
  }, [record?.id])

  if (!record) return null
  if (!side) return <Loader />
  const associate = async (candidate: Candidate, confirmed = false) => {
    if (!confirmed && candidate.tier !== 'SUR') {
      setConfirming({ id: candidate.transactionId, message: T.checkConfidence(candidate.confidence ?? candidate.tierLabel ?? T.aVerifier, candidate.notSureBecause ?? null) })
      return
    }
    setBusy(candidate.transactionId)
    try {
      const response = await call({ op: 'associate', transactionId: candidate.transactionId, amountCents: candidate.proposedCents, ...(confirmed ? { confirmed: true } : {}) })
      const result = response.data as { ok?: boolean; message?: string; needsConfirmation?: boolean }
      if (result.needsConfirmation) {
        setConfirming({ id: candidate.transactionId, message: result.message ?? T.confirmezLAssociation })
        return
      }
      setConfirming(null)
      notice({ message: result.message ?? T.termine, type: result.ok ? 'success' : 'error' })
      await load()
    } catch (failure) {
      notice({ message: failureMessage(failure), type: 'error' })
    } finally {
      setBusy(null)
    }
  }
  return (
    <Box mb="xl" data-testid="invoice-payments">
      <H5>{T.paiementsQonto}</H5>
      {side.invoice?.creditorReference && (
        <Text mb="default" data-testid="invoice-creditor-reference">
          {T.referenceDePaiementRf} <strong style={{ whiteSpace: 'nowrap' }}>{side.invoice.creditorReference}</strong>
        </Text>
      )}
      {side.payments.length === 0 ? (
        <Text color="grey60">{T.aucunPaiementRapproche}</Text>
      ) : (
        <Box>
          {side.payments.map((p) => (
            // One card per payment (a table breaks names letter by letter at 390 px).
            <Box key={p.transactionId} py="default" style={{ borderBottom: '1px solid #eee', overflowWrap: 'anywhere' }} data-testid="invoice-payment">
              <Text>
                <Link href={`${rootPath()}/resources/${TRANSACTIONS}/records/${p.transactionId}/show`}>
                  <span style={{ whiteSpace: 'nowrap' }}>{day(p.date)}</span> · <span style={{ whiteSpace: 'nowrap' }}>{euros(p.amountCents)}</span> · {p.payer ?? T.emetteurInconnu}
                </Link>
              </Text>
              <Text><span style={{ whiteSpace: 'nowrap' }}>{euros(p.allocatedCents)}</span> {T.affectesACetteFacture} {p.modeLabel ?? MODES[p.mode] ?? p.mode}</Text>
              {(p.writeOffCents ?? 0) > 0 && <Text color="grey60" data-testid="invoice-write-off">{T.ecart} {euros(p.writeOffCents!)} {T.soldeSansEncaissement}{p.writeOff})</Text>}
              <Text color="grey60">{T.par} {p.by ?? T.systeme}</Text>
            </Box>
          ))}
        </Box>
      )}
      {side.canReconcile && (side.credits ?? []).map((credit) => (
        <Box key={credit.id} variant="card" p="lg" mt="lg" data-testid="client-credit">
          <Text mb="default">{credit.label} {T.disponiblePourCeClient}</Text>
          <Button size="sm" variant="outlined" disabled={busy !== null} data-testid="apply-credit" onClick={async () => {
            setBusy(credit.id)
            try {
              const result = (await call({ op: 'applyCredit', creditId: credit.id })).data as { ok?: boolean; message?: string }
              notice({ message: result.message ?? T.termine, type: result.ok ? 'success' : 'error' })
              await load()
            } finally {
              setBusy(null)
            }
          }}>{T.imputerLAvoirSur}</Button>
        </Box>
      ))}
      {withCandidates && (
        <Box mt="xl">
          <H5>{T.paiementsQuiPourraientRegler} {side.invoice?.reference} {T.resteDu} {euros(side.invoice?.openCents ?? 0)})</H5>
          {side.candidates.length === 0 && <Text color="grey60">{T.aucunPaiementNonRapproche}</Text>}
          {side.candidates.map((c) => (
            <Box key={c.transactionId} variant="card" p="lg" mb="default" data-testid="credit-candidate">
              <Text fontWeight="bold">
                {day(c.date)} · {c.payer ?? T.emetteurInconnu} · <span style={{ whiteSpace: 'nowrap' }}>{euros(c.remainingCents)}</span>{' '}
                <Badge variant={TIER_VARIANT[c.tier ?? 'A_VERIFIER']} data-testid="credit-tier">{c.confidence ?? c.tierLabel ?? T.aVerifier}</Badge>{c.notSureBecause && <Text as="span" color="grey60" data-testid="credit-not-sure"> {c.notSureBecause}</Text>}
              </Text>
              <Text color="grey60" style={{ overflowWrap: 'anywhere' }}>{[c.reference, c.label].filter(Boolean).join(' · ')}</Text>
              <ul>{c.reasons.map((r) => <li key={r.code + r.label}>{r.label}</li>)}</ul>
              {side.canReconcile && confirming?.id === c.transactionId ? (
                <Box data-testid="associate-credit-confirm">
                  <MessageBox mb="default" variant="warning" message={confirming.message} />
                  <Button size="sm" variant="contained" disabled={busy !== null} onClick={() => associate(c, true)} data-testid="associate-credit-confirmed">
                    {T.confirmerAssocier} {euros(c.proposedCents)}
                  </Button>{' '}
                  <Button size="sm" variant="text" onClick={() => setConfirming(null)}>{T.annuler}</Button>
                </Box>
              ) : side.canReconcile && (
                <Button size="sm" variant={c.tier === 'SUR' ? 'contained' : 'outlined'} disabled={busy !== null} onClick={() => associate(c)} data-testid="associate-credit">
                  {c.tier === 'SUR' ? T.matchAmount(euros(c.proposedCents)) : T.checkAndMatchAmount(euros(c.proposedCents))}
                </Button>
              )}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  )
}

export default InvoicePayments

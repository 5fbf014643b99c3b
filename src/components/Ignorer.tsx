import React, { useEffect, useState } from 'react'
import { ApiClient } from 'adminjs'
import { withLiveHeader, type LiveProps } from './LiveActionHeader.js'
import { failureMessage, postCommand } from './action-request.js'
import { Box, Button, Label, Link, Loader, MessageBox, Text, TextArea } from '@adminjs/design-system'
import { day, euros } from './panel-format.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().ignorer

interface View {
  payment: { id: string; date: string; amountCents: number; payer: string | null; iban: string | null; reference: string | null; label: string | null }
  refused: string | null
  ignored: { categoryLabel: string; note: string | null; rule: string | null } | null
  categories: Array<{ value: string; label: string }>
  /** catches: which payments the rule will explain, in words (the exact payer name, or the IBAN) and how many already waiting match. */
  rules: Array<{ value: 'PAYEUR' | 'IBAN'; label: string; catches: string; existingCount: number }>
}
interface Answer { ok?: boolean; message?: string; rule?: { id: string; explanation: string } | null; existingMatches?: number; existingFingerprint?: string | null; nextTransactionId?: string | null }

const api = new ApiClient()

/** A choice among a few options, as radio buttons (readable at 390 px, no English placeholder). */
const Choice: React.FC<{ name: string; options: Array<{ value: string; label: string }>; value: string; onChange: (v: string) => void }> = ({ name, options, value, onChange }) => (
  <Box mb="lg" role="radiogroup">
    {options.map((o) => (
      <label key={o.value} style={{ display: 'flex', alignItems: 'flex-start', gap: 8, padding: '6px 0', cursor: 'pointer', overflowWrap: 'anywhere' }}>
        <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} data-testid={`${name}-${o.value}`} />
        <span>{o.label}</span>
      </label>
    ))}
  </Box>
)

/** "Ignorer (hors facture)": a category, a note, optionally a rule for this payer or IBAN, then a confirmation. */
const Ignorer: React.FC<LiveProps> = ({ resource, record, follow }) => {
  const [view, setView] = useState<View | null>(null)
  const [category, setCategory] = useState('')
  const [note, setNote] = useState('')
  const [rule, setRule] = useState('AUCUNE')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<Answer | null>(null)
  const [applied, setApplied] = useState<string | null>(null)

  const post = async (body: object) => {
    const response = await api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: 'ignorer', ...postCommand(body) })
    follow(response.data)
    return response.data as Answer
  }
  useEffect(() => {
    void api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: 'ignorer', method: 'get' }).then((r) => setView((r.data as unknown as { view: View }).view), (failure: unknown) => setError(failureMessage(failure)))
  }, [record?.id])

  if (!view) return error ? <MessageBox variant="danger" message={error} data-testid="ignorer-error" /> : <Loader />
  const p = view.payment
  const paymentHref = `${rootPath()}/resources/${TRANSACTIONS}/records/${p.id}/show`
  const categoryText = view.categories.find((c) => c.value === category)?.label
  const chosenRule = view.rules.find((r) => r.value === rule)
  const ruleText = chosenRule?.label
  const noteMissing = category === 'AUTRE' && note.trim() === ''

  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const answer = await post({ category, note: note.trim() || undefined, rule })
      // The page shows the answer itself (AdminJS's toast would repeat it, and overflows at 390 px).
      if (answer.ok) setDone(answer)
      else setError(answer.message ?? T.refuse)
    } catch (failure) {
      setError(failureMessage(failure))
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }
  const applyToExisting = async () => {
    if (!done?.rule) return
    setBusy(true)
    try {
      // The server applies the rule only to exactly the payments shown here (their fingerprint), else refuses.
      const answer = await post({ op: 'applyRule', ruleId: done.rule.id, expectedFingerprint: done.existingFingerprint })
      if (answer.ok) setApplied(answer.message ?? 'Fait.')
      else setError(answer.message ?? T.refuse)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Box variant="card" p="xl" data-testid="ignorer" style={{ maxWidth: 760 }}>
      <Box mb="lg" data-testid="ignorer-payment">
        <Text fontWeight="bold">{day(p.date)} · {euros(p.amountCents)} · {p.payer ?? T.emetteurInconnu}</Text>
        <Text color="grey60" style={{ overflowWrap: 'anywhere' }}>{[p.iban, p.reference, p.label !== p.payer ? p.label : null].filter(Boolean).join(' · ')}</Text>
      </Box>
      {view.refused ? (
        <Box data-testid="ignorer-refused">
          <MessageBox variant="info" message={view.refused} />
          <Box mt="lg"><Link href={paymentHref}>{T.voirLePaiement}</Link></Box>
        </Box>
      ) : done ? (
        <Box data-testid="ignorer-done">
          <MessageBox variant="success" message={done.message ?? T.paiementIgnore} />
          {done.rule && (done.existingMatches ?? 0) > 0 && !applied && (
            <Box mt="lg" data-testid="ignorer-existing">
              <Text mb="default">
                {T.existingWaiting(done.existingMatches ?? 0)}
              </Text>
              <Button variant="outlined" onClick={applyToExisting} disabled={busy} data-testid="ignorer-apply-existing">
                {T.ignorerAussi} {done.existingMatches === 1 ? T.cePaiement : T.thesePayments(done.existingMatches ?? 0)}
              </Button>
            </Box>
          )}
          {applied && <MessageBox mt="lg" variant="success" message={applied} />}
          <Box mt="lg" style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center' }}>
            {done.nextTransactionId && (
              <Button as="a" variant="contained" href={`${rootPath()}/resources/${TRANSACTIONS}/records/${encodeURIComponent(done.nextTransactionId)}/associer`} data-testid="ignorer-next-payment">
                {T.paiementSuivant}
              </Button>
            )}
            <Link href={paymentHref} data-testid="ignorer-payment-link">{T.voirLePaiement}</Link>
            <Link href={`${rootPath()}/pages/rapprochement`}>{T.tableauDeBord}</Link>
          </Box>
        </Box>
      ) : (
        <Box>
          <Label>{T.categorie}</Label>
          <Choice name="category" options={view.categories} value={category} onChange={(v) => { setCategory(v); setConfirming(false) }} />
          <Label htmlFor="ignore-note">{T.note} {category === 'AUTRE' ? T.obligatoirePourAutre : T.facultative}</Label>
          <TextArea id="ignore-note" width="100%" rows={3} maxLength={500} value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => { setNote(e.target.value); setConfirming(false) }} data-testid="ignore-note" />
          <Box mt="lg">
            <Label>{T.pourLesProchainsPaiements}</Label>
            <Choice name="rule" options={[{ value: 'AUCUNE', label: T.seulementCePaiement }, ...view.rules]} value={rule} onChange={(v) => { setRule(v); setConfirming(false) }} />
            {chosenRule && <Text mb="lg" color="grey60" style={{ overflowWrap: 'anywhere' }} data-testid="ignorer-rule-catches">{chosenRule.catches}</Text>}
          </Box>
          {error && <MessageBox mb="lg" variant="danger" message={error} data-testid="ignorer-error" />}
          {confirming ? (
            <Box data-testid="ignorer-confirm">
              <MessageBox mb="lg" variant="warning"
                message={T.willIgnore(euros(p.amountCents), p.payer ?? T.emetteurInconnu, `${categoryText}${note.trim() ? ` (${note.trim()})` : ''}`, chosenRule ? (ruleText ?? null) : null)} />
              <Box style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
                <Button variant="contained" onClick={submit} disabled={busy} data-testid="ignorer-confirm-button">{busy ? T.enCours : T.confirm}</Button>
                <Button variant="text" onClick={() => setConfirming(false)} disabled={busy}>{T.modifier}</Button>
              </Box>
            </Box>
          ) : (
            <Button variant="contained" disabled={!category || noteMissing} onClick={() => setConfirming(true)} data-testid="ignorer-submit">{T.ignorerCePaiement}</Button>
          )}
        </Box>
      )}
    </Box>
  )
}

export default withLiveHeader(Ignorer)

/**
 * One payment of the work queue, and the two panels that open under it without leaving the page:
 * the suggestion's confirmation (with "Solder avec écart…") and "Ignorer" with category chips.
 */
import React, { useEffect, useRef } from 'react'
import { Button, Text } from '@adminjs/design-system'
import type { ConfidenceTier } from '../domain/matching/confidence.js'
import { day, euros } from './panel-format.js'
import type { PaymentActions } from '../domain/payment-actions.js'
import { writeOffGap, type QueueBest } from './queue-actions.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import { MethodTag } from './MethodTag.js'
import type { MatchMethod } from '../domain/matching/types.js'
import { confidenceWords, panelTexts } from './i18n/texts.js'

const T = panelTexts().queueRow

export interface Suggestion extends QueueBest {
  score: number
  autoApply: boolean
  notSureBecause?: string
  method?: MatchMethod
  tier: ConfidenceTier
  tierLabel: string
  reasons: Array<{ code: string; label: string }>
}
export interface Item {
  id: string; day: string; amountCents: number; remainingCents: number; payer: string | null; reference: string | null
  reconciled: boolean; flagged: boolean; ignoredCategory: string | null; invoices: string[]; best: Suggestion | null
  /** What the server allows on it (domain/payment-actions.ts): only those are offered. */
  actions: PaymentActions
}
export interface Settings { writeOff: { maxCents: number; account: string }; ignoreCategories: Array<{ value: string; label: string }> }
/** What is open under a row: the suggestion's confirmation, or "Ignorer". */
export type Panel = { id: string; kind: 'check' | 'ignore' }
export interface IgnoreDraft { category: string | null; always: boolean; note: string }

const IGNORE_LABELS: Record<string, string> = {
  REMBOURSEMENT: T.refund, VIREMENT_INTERNE: T.internalTransfer, APPORT: T.contribution, SUBVENTION: T.grant,
  FRAIS_COMMISSION: T.fraisCommission, AUTRE: T.other,
}
const showPath = (id: string) => `${rootPath()}/resources/${TRANSACTIONS}/records/${id}/show`
const recordPath = (id: string, action: string) => `${rootPath()}/resources/${TRANSACTIONS}/records/${id}/${action}`
export const isToReconcile = (item: Item) => !item.reconciled && item.ignoredCategory === null
/** Rows the multi-select takes: a "sûr" or "probable" suggestion, never "à vérifier". */
export const isSelectable = (item: Item) => isToReconcile(item) && item.best !== null && item.best.tier !== 'A_VERIFIER'

/** "probable · 86 %" and, when it is not "sûr", why in words ("écart de 1,50 €"). */
export const TierBadge: React.FC<{ suggestion: Suggestion }> = ({ suggestion }) => (
  <>
    <span className={`qr-tier qr-tier-${suggestion.tier}`} data-testid="tier" data-tier={suggestion.tier}>{confidenceWords(suggestion)}</span>
    {suggestion.notSureBecause && <span className="qr-muted qr-why" data-testid="not-sure-because"> {suggestion.notSureBecause}</span>}
  </>
)

const Euros: React.FC<{ cents: number }> = ({ cents }) => <span className="qr-nowrap">{euros(cents)}</span>

interface RowProps {
  item: Item
  settings: Settings
  canReconcile: boolean
  busy: boolean
  active: boolean
  panel: Panel['kind'] | null
  selected: boolean
  draft: IgnoreDraft
  onFocusRow: () => void
  onAccept: () => void
  onConfirm: (writeOff: boolean) => void
  onOpen: (kind: Panel['kind'] | null) => void
  onSelect: () => void
  onDraft: (draft: IgnoreDraft) => void
  onIgnore: () => void
}

export const QueueRow: React.FC<RowProps> = (props) => {
  const { item, settings, canReconcile, busy, active, panel, selected } = props
  const toReconcile = isToReconcile(item)
  const best = toReconcile ? item.best : null
  const ref = useRef<HTMLDivElement>(null)
  // The row under the keyboard cursor has the focus (visible ring), unless a panel's control has it.
  useEffect(() => {
    if (active && !panel && ref.current && !ref.current.contains(document.activeElement)) ref.current.focus({ preventScroll: false })
  }, [active, panel])
  return (
    <div ref={ref} className={`qr-row${active ? ' qr-row-active' : ''}`} role="row" tabIndex={active ? 0 : -1} aria-selected={active}
      data-testid="payment-row" data-id={item.id} data-tier={best?.tier ?? ''} onFocus={(e) => { if (e.target === ref.current) props.onFocusRow() }}>
      <div className="qr-cell qr-date qr-nowrap" role="cell">
        {canReconcile && isSelectable(item) && (
          <input type="checkbox" className="qr-select" checked={selected} onChange={props.onSelect} aria-label={T.selectPayment(euros(item.amountCents))} data-testid="row-select" tabIndex={-1} />
        )}
        <a href={showPath(item.id)} data-testid="row-show" tabIndex={-1}>{day(item.day)}</a>
      </div>
      <div className="qr-cell qr-payer" role="cell" title={item.payer ?? undefined}><strong>{item.payer ?? T.emetteurInconnu}</strong></div>
      <div className="qr-cell qr-amount" role="cell" data-testid="row-amount">
        {euros(toReconcile ? item.remainingCents : item.amountCents)}
        {toReconcile && item.remainingCents !== item.amountCents && <div className="qr-muted">{T.sur} {euros(item.amountCents)}</div>}
      </div>
      <div className="qr-cell qr-ref qr-muted" role="cell" title={item.reference ?? undefined}>{item.reference ?? '—'}</div>
      <div className="qr-cell qr-suggestion" role="cell" data-testid="row-suggestion">
        {!toReconcile ? (
          <span>
            {item.ignoredCategory !== null
              ? T.ignoredAs(IGNORE_LABELS[item.ignoredCategory] ?? item.ignoredCategory)
              : T.matchedTo(item.invoices.join(', ') || '—')}
            {item.flagged && <span className="qr-tier qr-tier-A_VERIFIER" style={{ marginLeft: 6 }}>{T.aVerifier}</span>}
          </span>
        ) : best ? (
          <div>
            <div>
              <strong>{best.invoices.map((i) => i.reference).join(' + ')}</strong>{' '}
              {best.invoices[0]?.client && <span className="qr-muted">{best.invoices[0].client} </span>}
              <TierBadge suggestion={best} /> <MethodTag method={best.method} />
            </div>
            <ul className="qr-muted" style={{ margin: '4px 0 0', paddingLeft: 18 }} data-testid="row-reasons">
              {best.reasons.slice(0, panel === 'check' ? undefined : 2).map((r) => <li key={r.code + r.label}>{r.label}</li>)}
            </ul>
          </div>
        ) : (
          <span className="qr-muted">{item.invoices.length > 0 ? `${T.partial} ${item.invoices.join(', ')} · ` : ''}{T.aucuneSuggestion}</span>
        )}
      </div>
      <div className="qr-actions" role="cell">
        {canReconcile && item.actions.associer && best?.tier === 'SUR' && (
          <Button size="sm" variant="contained" disabled={busy} onClick={props.onAccept} data-testid="dashboard-accept" title={T.toucheA}>{T.associer}</Button>
        )}
        {canReconcile && item.actions.associer && best && best.tier !== 'SUR' && (
          <Button size="sm" variant="outlined" disabled={busy} onClick={() => props.onOpen(panel === 'check' ? null : 'check')} data-testid="dashboard-check" aria-expanded={panel === 'check'} title={T.toucheEntree}>{T.verifier}</Button>
        )}
        {canReconcile && item.actions.associer && (
          <Button as="a" size="sm" variant="text" href={recordPath(item.id, 'associer')} data-testid="row-associer-page">{T.details}</Button>
        )}
        {canReconcile && item.actions.ignorer && (
          <Button size="sm" variant="text" onClick={() => props.onOpen(panel === 'ignore' ? null : 'ignore')} aria-expanded={panel === 'ignore'} data-testid="row-ignore" title={T.toucheI}>{T.ignorer}</Button>
        )}
      </div>
      {panel === 'check' && best && <CheckPanel {...props} best={best} />}
      {panel === 'ignore' && item.actions.ignorer && <IgnorePanel {...props} settings={settings} />}
    </div>
  )
}

const CheckPanel: React.FC<RowProps & { best: Suggestion }> = ({ item, best, settings, busy, onConfirm, onOpen }) => {
  const gap = writeOffGap(best, settings.writeOff.maxCents)
  return (
    <div className="qr-check" data-testid="check-panel">
      <Text fontWeight="bold" mb="sm">
        {T.suggestion} <TierBadge suggestion={best} /> {T.verifiezAvantDAssocier}
      </Text>
      <MethodTag method={best.method} />
      <ul style={{ margin: '0 0 8px', paddingLeft: 18 }}>
        {best.reasons.map((r) => <li key={r.code + r.label}>{r.label}</li>)}
      </ul>
      {best.invoices.map((i) => (
        <div key={i.id} className="qr-muted">
          {i.reference} ({i.client ?? T.unknownClient}){T.colon}<Euros cents={i.allocatedCents} /> {T.affectesSur} <Euros cents={i.openCents} /> {T.dus}
          {i.remainingAfterCents > 0 ? <> {T.reste} <Euros cents={i.remainingAfterCents} /></> : T.soldee}
        </div>
      ))}
      <div className="qr-header-buttons" style={{ marginTop: 8 }}>
        <Button size="sm" variant="contained" disabled={busy} onClick={() => onConfirm(false)} data-testid="check-confirm" autoFocus={!gap}>
          {T.confirmerLAssociation}{gap ? <> {T.reste2} <Euros cents={gap.cents} />)</> : ''} <kbd>a</kbd>
        </Button>
        {gap && (
          <Button size="sm" variant="contained" disabled={busy} onClick={() => onConfirm(true)} data-testid="check-write-off" autoFocus>
            {T.solderAvecEcartDe} <Euros cents={gap.cents} /> ({settings.writeOff.account} {T.fraisBancaires} <kbd>s</kbd>
          </Button>
        )}
        <Button as="a" size="sm" variant="outlined" href={recordPath(item.id, 'associer')}>{T.choisirUneAutreFacture}</Button>
        <Button size="sm" variant="text" onClick={() => onOpen(null)}>{T.fermer} <kbd>{T.echap}</kbd></Button>
      </div>
    </div>
  )
}

const IgnorePanel: React.FC<RowProps> = ({ item, settings, busy, draft, onDraft, onIgnore, onOpen }) => {
  const noteMissing = draft.category === 'AUTRE' && draft.note.trim() === ''
  return (
    <div className="qr-check" data-testid="ignore-panel">
      <Text fontWeight="bold" mb="sm">{T.ignorerHorsFactureChoisissez}</Text>
      <div className="qr-chips" role="radiogroup" aria-label={T.categorie}>
        {settings.ignoreCategories.map((c, index) => (
          <button key={c.value} type="button" role="radio" aria-checked={draft.category === c.value} className="qr-chip" data-testid={`ignore-chip-${c.value}`}
            onClick={() => onDraft({ ...draft, category: c.value })}>
            <kbd>{index + 1}</kbd> {c.label}
          </button>
        ))}
      </div>
      {draft.category === 'AUTRE' && (
        <label className="qr-note">{T.raisonObligatoirePourAutre}
          <input autoFocus value={draft.note} maxLength={500} onChange={(e) => onDraft({ ...draft, note: e.target.value })} data-testid="ignore-inline-note" />
        </label>
      )}
      {item.payer && (
        <label className="qr-always">
          <input type="checkbox" checked={draft.always} onChange={(e) => onDraft({ ...draft, always: e.target.checked })} data-testid="ignore-always" />
          {' '}{T.toujoursPourCePayeur} <kbd>t</kbd>
          {draft.always && <span className="qr-muted" data-testid="ignore-rule-sentence"> {T.lesProchainsPaiementsDe} {item.payer} {T.serontIgnoresDOffice}{settings.ignoreCategories.find((c) => c.value === draft.category)?.label.toLowerCase() ?? T.memeCategorie}).</span>}
        </label>
      )}
      <div className="qr-header-buttons" style={{ marginTop: 8 }}>
        <Button size="sm" variant="contained" disabled={busy || !draft.category || noteMissing} onClick={onIgnore} data-testid="ignore-inline-confirm">
          {T.ignorerCePaiement} <kbd>{T.entree}</kbd>
        </Button>
        <Button size="sm" variant="text" onClick={() => onOpen(null)}>{T.fermer} <kbd>{T.echap}</kbd></Button>
      </div>
    </div>
  )
}

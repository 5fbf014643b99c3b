import React, { useEffect, useRef, useState } from 'react'
import { ApiClient, useNotice } from 'adminjs'
import { failureMessage, postCommand } from './action-request.js'
import { Box, Button, H2, H5, Input, Loader, MessageBox, Text } from '@adminjs/design-system'
import { parseAmount } from '../domain/money.js'
import { amountInput, day, euros, parseDay } from './panel-format.js'
import { AutoReconcilePanel } from './AutoReconcile.js'
import { NotificationsPanel, OverduePanel } from './DashboardPanels.js'
import { rootPath } from './paths.js'
import { TRANSACTIONS } from './paths.js'
import { isSelectable, isToReconcile, QueueRow, type IgnoreDraft, type Item, type Panel, type Settings } from './QueueRow.js'
import { associateBest, ignore, undo, writeOffGap, type Outcome, type Undo } from './queue-actions.js'
import { commandOf, QUEUE_KEYS } from './queue-keys.js'
import FeedHealth, { type FeedHealthData } from './FeedHealth.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().dashboard

interface CountAndSum { count: number; totalCents: number }
interface Stats {
  toReconcile: CountAndSum; reconciled: CountAndSum; awaitingPayment: CountAndSum; overdue: CountAndSum; flagged: number
  ignored: CountAndSum; settledCredits: number; explained: number; explainedPercent: number
  livePrecision?: { automatic: number; undone: number; keptPermille: number | null }
}
type State = 'a_rapprocher' | 'rapproches' | 'ignores' | 'a_verifier' | 'tous'
interface Counts { aRapprocher: number; rapproches: number; ignores: number; aVerifier: number }
interface Queue { items: Item[]; total: number; page: number; perPage: number; pageCount: number; counts: Counts }
interface Data extends Settings { stats: Stats; queue: Queue; canReconcile: boolean; canSync: boolean; unreadNotifications: number; invoiceResourceId: string }

/** The filter form as typed (French dates and euros), and what the server receives. */
interface Filters { etat: State; du: string; au: string; min: string; max: string; payeur: string; page: number }
const NO_FILTERS: Filters = { etat: 'a_rapprocher', du: '', au: '', min: '', max: '', payeur: '', page: 1 }
const NO_DRAFT: IgnoreDraft = { category: null, always: false, note: '' }

const api = new ApiClient()
const RESOURCE = TRANSACTIONS
const STATES: Array<{ value: State; label: string; count?: keyof Counts }> = [
  { value: 'a_rapprocher', label: T.aRapprocher, count: 'aRapprocher' },
  { value: 'rapproches', label: T.rapproches, count: 'rapproches' },
  { value: 'ignores', label: T.ignoresHorsFacture, count: 'ignores' },
  { value: 'a_verifier', label: T.aVerifier, count: 'aVerifier' },
  { value: 'tous', label: T.tousLesPaiements },
]

/** "24/11/2026", "24 Nov 2026" or "2026-11-24" → "2026-11-24"; "" → undefined; anything else → null (invalid). */
const toIsoDay = parseDay
function toCents(text: string): number | undefined | null {
  const value = text.replace(/€/g, '').trim()
  if (value === '') return undefined
  try {
    const cents = parseAmount(value)
    return cents >= 0 ? cents : null
  } catch {
    return null
  }
}

/** The query string of the queue (also the dashboard's own address, so that a counter is a link). */
function toQuery(filters: Filters): { params: Record<string, string>; error: string | null } {
  const params: Record<string, string> = { etat: filters.etat, page: String(filters.page) }
  const du = toIsoDay(filters.du)
  const au = toIsoDay(filters.au)
  const min = toCents(filters.min)
  const max = toCents(filters.max)
  if (du === null || au === null) return { params, error: T.dateInvalideEcrivezLa }
  if (min === null || max === null) return { params, error: T.montantInvalideEcrivezLe }
  if (du) params.du = du
  if (au) params.au = au
  if (min !== undefined) params.minCents = String(min)
  if (max !== undefined) params.maxCents = String(max)
  if (filters.payeur.trim()) params.payeur = filters.payeur.trim()
  return { params, error: null }
}
function fromLocation(): Filters {
  const search = new URLSearchParams(window.location.search)
  const etat = STATES.some((s) => s.value === search.get('etat')) ? (search.get('etat') as State) : NO_FILTERS.etat
  const euros = (name: string) => {
    const cents = Number(search.get(name))
    return search.get(name) && Number.isInteger(cents) ? amountInput(cents) : ''
  }
  return {
    etat,
    du: search.get('du') ? day(search.get('du')!) : '',
    au: search.get('au') ? day(search.get('au')!) : '',
    min: euros('minCents'),
    max: euros('maxCents'),
    payeur: search.get('payeur') ?? '',
    page: Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1),
  }
}
const hrefFor = (params: Record<string, string>) => `${window.location.pathname}?${new URLSearchParams(params).toString()}#file-rapprochement`

/** Layout that media queries need (inline styles cannot): cards on one row at 1440 px, stacked at 390 px; rows as grids. */
const CSS = `
.qr-dashboard { padding: 32px; }
.qr-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-top: 16px; }
.qr-card { display: block; background: #fff; border-radius: 4px; padding: 16px; box-shadow: 0 1px 4px rgba(0,0,0,.08); color: inherit; text-decoration: none; min-width: 0; }
a.qr-card:hover, a.qr-card:focus { box-shadow: 0 0 0 2px #3040d6; }
.qr-card-title { font-size: 13px; color: #454655; margin: 0 0 6px; }
.qr-card-count { font-size: 24px; font-weight: 700; }
.qr-nowrap { white-space: nowrap; }
.qr-header { display: flex; flex-wrap: wrap; gap: 8px; justify-content: space-between; align-items: center; }
.qr-header-buttons { display: flex; flex-wrap: wrap; gap: 8px; }
.qr-progress { height: 8px; background: #e6e8f0; border-radius: 4px; overflow: hidden; margin-top: 6px; }
.qr-progress > div { height: 100%; background: #0b7a3e; }
.qr-tabs { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 12px; }
.qr-tab { padding: 6px 10px; border-radius: 16px; border: 1px solid #c0c0ca; color: #2c2c3d; text-decoration: none; font-size: 14px; white-space: nowrap; }
.qr-tab[aria-current="true"] { background: #3040d6; border-color: #3040d6; color: #fff; }
.qr-filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px; align-items: end; margin-bottom: 12px; }
.qr-filters label { display: block; font-size: 12px; color: #454655; margin-bottom: 2px; }
.qr-filters input { width: 100%; box-sizing: border-box; }
.qr-row { display: grid; grid-template-columns: 92px minmax(0, 1.1fr) 110px minmax(0, 1fr) minmax(0, 2.2fr) 236px; gap: 8px 12px; padding: 12px 8px; border-top: 1px solid #eeeefb; align-items: start; }
.qr-row-head { font-size: 12px; color: #454655; border-top: none; padding-bottom: 4px; }
.qr-cell { min-width: 0; overflow-wrap: break-word; word-break: normal; hyphens: none; }
.qr-amount { white-space: nowrap; font-weight: 600; text-align: right; }
.qr-actions { display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; }
.qr-muted { color: #6b6b7b; font-size: 13px; }
.qr-tier { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid; }
.qr-tier-SUR { background: #e3f5ea; color: #0b6b36; border-color: #7cc79b; }
.qr-tier-PROBABLE { background: #fff1d6; color: #7a4d00; border-color: #f0b44c; }
.qr-tier-A_VERIFIER { background: #fde8e8; color: #9b1c1c; border-color: #e89a9a; }
.qr-check { grid-column: 1 / -1; background: #f6f7fb; border-radius: 4px; padding: 12px; }
.qr-row:focus { outline: none; }
.qr-row-active { box-shadow: inset 4px 0 0 #3040d6; background: #f5f6ff; }
.qr-row:focus-visible, .qr-row-active:focus { outline: 3px solid #3040d6; outline-offset: -3px; }
.qr-dashboard button:focus-visible, .qr-dashboard a:focus-visible, .qr-dashboard input:focus-visible { outline: 3px solid #3040d6 !important; outline-offset: 2px; }
.qr-select { margin: 0 6px 0 0; vertical-align: middle; }
kbd { font: 11px/1.4 ui-monospace, monospace; border: 1px solid #c0c0ca; border-bottom-width: 2px; border-radius: 3px; padding: 0 4px; background: #fff; color: #2c2c3d; white-space: nowrap; }
.qr-chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
.qr-chip { border: 1px solid #c0c0ca; border-radius: 16px; padding: 4px 10px; background: #fff; cursor: pointer; font-size: 14px; }
.qr-chip[aria-checked="true"] { background: #3040d6; color: #fff; border-color: #3040d6; }
.qr-chip[aria-checked="true"] kbd { color: #2c2c3d; }
.qr-always, .qr-note { display: block; margin: 6px 0; }
.qr-note input { display: block; width: 100%; max-width: 420px; box-sizing: border-box; margin-top: 4px; padding: 6px; }
.qr-done { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; padding: 10px 12px; border-radius: 4px; margin-bottom: 12px; }
.qr-done-ok { background: #e3f5ea; border-left: 4px solid #0b7a3e; }
.qr-done-error { background: #fde8e8; border-left: 4px solid #9b1c1c; }
.qr-selection { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 8px 12px; background: #fff1d6; border-radius: 4px; margin-bottom: 12px; }
.qr-help { background: #f6f7fb; border-radius: 4px; padding: 12px; margin: 8px 0 12px; }
.qr-help dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
.qr-help dd { margin: 0; }
.qr-link-button { background: none; border: 0; padding: 0; color: #3040d6; text-decoration: underline; cursor: pointer; font: inherit; text-align: left; }
.qr-overdue, .qr-notifications { list-style: none; padding: 0; margin: 8px 0 0; }
.qr-overdue > li, .qr-notifications > li { padding: 10px 0; border-top: 1px solid #eeeefb; overflow-wrap: anywhere; }
.qr-notifications > li.qr-unread { border-left: 4px solid #3040d6; padding-left: 8px; }
.qr-pages { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between; margin-top: 12px; }
@media (max-width: 900px) {
  .qr-row { grid-template-columns: auto 1fr auto; }
  .qr-row-head { display: none; }
  .qr-row .qr-date { grid-column: 1; }
  .qr-row .qr-payer { grid-column: 2; }
  .qr-row .qr-amount { grid-column: 3; }
  .qr-row .qr-ref, .qr-row .qr-suggestion, .qr-row .qr-actions { grid-column: 1 / -1; }
  .qr-actions { justify-content: flex-start; }
}
@media (max-width: 480px) {
  .qr-dashboard { padding: 12px; }
  .qr-cards { grid-template-columns: 1fr 1fr; }
  /* AdminJS's notices have an inline min-width of 480 px: wider than a phone. */
  [data-css="notice-wrapper"] > * { min-width: 0 !important; }
}
`

const Counter: React.FC<{ title: string; value: CountAndSum | number; testId: string; href?: string; onOpen?: () => void }> = ({ title, value, testId, href, onOpen }) => {
  const count = typeof value === 'number' ? value : value.count
  const body = (
    <>
      <div className="qr-card-title">{title}</div>
      <div className="qr-card-count" data-testid={`${testId}-count`}>{count}</div>
      {typeof value !== 'number' && <div className="qr-muted qr-nowrap" data-testid={`${testId}-total`}>{euros(value.totalCents)}</div>}
    </>
  )
  return href ? (
    <a className="qr-card" href={href} data-testid={testId} onClick={(event) => { if (onOpen) { event.preventDefault(); onOpen() } }}>{body}</a>
  ) : (
    <div className="qr-card" data-testid={testId}>{body}</div>
  )
}

/** "Rapprochement": counters that open the queue, how much is explained, then the queue itself. */
const Dashboard: React.FC = () => {
  const notice = useNotice()
  const [data, setData] = useState<Data | null>(null)
  const [queue, setQueue] = useState<Queue | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [filterError, setFilterError] = useState<string | null>(null)
  const [form, setForm] = useState<Filters>(() => fromLocation())
  const [applied, setApplied] = useState<Filters>(() => fromLocation())
  const [busy, setBusy] = useState<string | null>(null)
  const [autoOpen, setAutoOpen] = useState(false)
  // The keyboard queue: the row under the cursor, what is open under it, the last action (undo), the selection.
  const [cursor, setCursor] = useState(0)
  const [panel, setPanel] = useState<Panel | null>(null)
  const [draft, setDraft] = useState<IgnoreDraft>(NO_DRAFT)
  const [done, setDone] = useState<(Outcome & { undone?: boolean }) | null>(null)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [batchOpen, setBatchOpen] = useState(false)
  const [help, setHelp] = useState(false)
  // What the cards open on the dashboard itself: the overdue invoices, the notifications.
  const [overdueOpen, setOverdueOpen] = useState(() => window.location.hash === '#factures-en-retard')
  const [notificationsOpen, setNotificationsOpen] = useState(false)

  const loadStats = () =>
    api
      // A resource action rather than getDashboard: the widget then works as the dashboard, as a page or inside the host's own.
      .resourceAction({ resourceId: RESOURCE, actionName: 'tableauDeBord' })
      .then((response) => setData(response.data as unknown as Data))
      .catch(() => setError(T.impossibleDeChargerLe))
  const latest = useRef(0)
  const loadQueue = async (filters: Filters) => {
    const { params, error: invalid } = toQuery(filters)
    setFilterError(invalid)
    if (invalid) return
    // Only the answer to the latest request is shown (a quick second search may be answered first).
    const request = ++latest.current
    try {
      const response = await api.resourceAction({ resourceId: RESOURCE, actionName: 'fileRapprochement', params } as Parameters<typeof api.resourceAction>[0])
      if (request === latest.current) setQueue((response.data as unknown as { queue: Queue }).queue)
    } catch (failure) {
      const message = (failure as { response?: { data?: { message?: string } } }).response?.data?.message
      if (request === latest.current) setFilterError(message ?? T.impossibleDeChargerLa)
    }
  }
  const reload = async () => {
    await Promise.all([loadStats(), loadQueue(applied)])
  }
  useEffect(() => {
    void reload()
  }, [])

  /** Applies filters: the queue, the address (a counter or a filtered view can be bookmarked). */
  const open = (filters: Filters) => {
    setForm(filters)
    setApplied(filters)
    setPanel(null)
    setCursor(0)
    const { params, error: invalid } = toQuery(filters)
    if (!invalid) window.history.replaceState(null, '', hrefFor(params))
    void loadQueue(filters)
  }
  const openState = (etat: State) => {
    open({ ...NO_FILTERS, etat })
    document.getElementById('file-rapprochement')?.scrollIntoView({ behavior: 'smooth', block: 'start' })
  }

  const runResourceAction = async (actionName: string) => {
    setBusy(actionName)
    try {
      const response = await api.resourceAction({ resourceId: RESOURCE, actionName, ...postCommand({}) })
      const result = response.data as { ok?: boolean; message?: string }
      notice({ message: result.message ?? T.termine, type: result.ok ? 'success' : 'error' })
      await reload()
    } catch (failure) {
      notice({ message: failureMessage(failure), type: 'error' })
    } finally {
      setBusy(null)
    }
  }

  const items = queue?.items ?? []
  const current: Item | undefined = items[Math.min(cursor, Math.max(0, items.length - 1))]

  /** Runs one queue action, shows its outcome (with "Annuler" when it can be undone), reloads in place. */
  const run = async (id: string, action: () => Promise<Outcome>) => {
    setBusy(id)
    try {
      const outcome = await action()
      if (outcome.needsConfirmation) {
        setPanel({ id, kind: 'check' })
        return
      }
      // The queue is reloaded before the outcome shows, so the cursor is already on the next payment.
      if (outcome.ok) {
        await reload()
        setPanel(null)
        setDraft(NO_DRAFT)
      }
      setDone(outcome)
    } catch (failure) {
      setDone({ ok: false, message: failureMessage(failure) })
    } finally {
      setBusy(null)
    }
  }
  /** "sûr": applied; otherwise the confirmation opens, and a second "a" (or Entrée) confirms after reading. */
  const accept = (item: Item, confirmed: boolean) => {
    if (!item.best) return
    if (!confirmed && item.best.tier !== 'SUR') return setPanel({ id: item.id, kind: 'check' })
    void run(item.id, () => associateBest(item.id, item.best!, { confirmed }))
  }
  const writeOff = (item: Item) => {
    const gap = writeOffGap(item.best, data?.writeOff.maxCents ?? 0)
    if (!item.best || !gap) return
    if (panel?.id !== item.id || panel.kind !== 'check') return setPanel({ id: item.id, kind: 'check' })
    void run(item.id, () => associateBest(item.id, item.best!, { confirmed: true, writeOff: gap }))
  }
  const ignoreItem = (item: Item) => {
    if (!draft.category) return
    void run(item.id, () => ignore(item.id, { category: draft.category!, note: draft.note, always: draft.always }))
  }
  const undoLast = () => {
    if (!done?.ok || !done.undo || done.undone) return
    const action: Undo = done.undo
    void run('undo', async () => {
      const outcome = await undo(action)
      return outcome.ok ? { ...outcome, undone: true } : outcome
    })
  }
  const toggleSelect = (item: Item) => {
    if (!isSelectable(item)) return
    const next = new Set(selected)
    if (next.has(item.id)) next.delete(item.id)
    else next.add(item.id)
    setSelected(next)
  }
  const move = (step: number) => {
    if (items.length === 0) return
    const target = cursor + step
    if (target >= items.length && queue && queue.page < queue.pageCount) return open({ ...applied, page: queue.page + 1 })
    if (target < 0 && queue && queue.page > 1) return open({ ...applied, page: queue.page - 1 })
    setPanel(null)
    setCursor(Math.max(0, Math.min(items.length - 1, target)))
  }

  // The keys of queue-keys.ts, read on the whole page while the dashboard is shown (a ref keeps them current).
  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => undefined)
  keyHandler.current = (event: KeyboardEvent) => {
    const command = commandOf(event)
    if (!command || !data) return
    const item = current
    const canAct = data.canReconcile && busy === null && item !== undefined && isToReconcile(item)
    const opened = item && panel?.id === item.id ? panel.kind : null
    const handled = (() => {
      switch (command.command) {
        case 'help': setHelp(!help); return true
        case 'close':
          if (help) setHelp(false)
          else if (batchOpen) setBatchOpen(false)
          else if (panel) setPanel(null)
          else return false
          return true
        case 'next': move(1); return true
        case 'previous': move(-1); return true
        case 'undo': undoLast(); return true
        case 'acceptSelection': if (selected.size > 0 && data.canReconcile) setBatchOpen(true); return true
        default: break
      }
      if (!canAct || !item) return false
      switch (command.command) {
        case 'open':
          if (opened === 'check') accept(item, true)
          else if (opened === 'ignore') ignoreItem(item)
          else if (item.best) setPanel({ id: item.id, kind: 'check' })
          else if (item.actions.ignorer) setPanel({ id: item.id, kind: 'ignore' })
          else return false
          return true
        case 'accept': accept(item, opened === 'check'); return true
        case 'writeOff': writeOff(item); return true
        case 'ignore': if (!item.actions.ignorer) return false; setDraft(NO_DRAFT); setPanel({ id: item.id, kind: 'ignore' }); return true
        case 'always': if (opened === 'ignore' && item.payer) setDraft({ ...draft, always: !draft.always }); return opened === 'ignore'
        case 'category': {
          const category = data.ignoreCategories[(command.digit ?? 0) - 1]
          if (opened !== 'ignore' || !category) return false
          setDraft({ ...draft, category: category.value })
          return true
        }
        case 'select': toggleSelect(item); return true
        default: return false
      }
    })()
    if (handled) event.preventDefault()
  }
  useEffect(() => {
    if (queue && cursor >= queue.items.length) setCursor(Math.max(0, queue.items.length - 1))
  }, [queue])
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event)
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [])

  if (error) return <MessageBox m="xl" variant="danger" message={error} />
  if (!data) return <Loader />
  const { stats, canReconcile, unreadNotifications } = data
  const invoicesHref = `${rootPath()}/resources/${encodeURIComponent(data.invoiceResourceId)}`
  const counts = queue?.counts
  const allExplained = stats.toReconcile.count === 0
  return (
    <Box variant="grey" className="qr-dashboard" data-testid="dashboard">
      <style>{CSS}</style>
      <div className="qr-header">
        <H2 mb="0">{T.rapprochementBancaire}</H2>
        {canReconcile && (
          <div className="qr-header-buttons">
            {data.canSync && (
              <Button disabled={busy !== null} onClick={() => runResourceAction('synchroniserQonto')} data-testid="dashboard-sync">
                {T.synchroniserQonto}
              </Button>
            )}
            <Button variant="contained" disabled={busy !== null} onClick={() => setAutoOpen(true)} data-testid="dashboard-auto">
              {T.rapprocherAutomatiquement}
            </Button>
          </div>
        )}
      </div>
      <FeedHealth data={(data as { feedHealth?: FeedHealthData }).feedHealth} />
      {autoOpen && (
        <Box variant="card" p="lg" mt="lg" data-testid="dashboard-auto-panel">
          <H5>{T.rapprochementAutomatique}</H5>
          <AutoReconcilePanel resourceId={RESOURCE} actionName="rapprocherTout" onDone={() => void reload()} onClose={() => setAutoOpen(false)} />
        </Box>
      )}

      <div className="qr-cards">
        <Counter title={T.aRapprocher} value={stats.toReconcile} testId="stat-to-reconcile" href={hrefFor({ etat: 'a_rapprocher' })} onOpen={() => openState('a_rapprocher')} />
        <Counter title={T.rapproches} value={stats.reconciled} testId="stat-reconciled" href={hrefFor({ etat: 'rapproches' })} onOpen={() => openState('rapproches')} />
        <Counter title={T.ignoresHorsFacture} value={stats.ignored} testId="stat-ignored" href={hrefFor({ etat: 'ignores' })} onOpen={() => openState('ignores')} />
        <Counter title={T.aVerifier} value={stats.flagged} testId="stat-flagged" href={hrefFor({ etat: 'a_verifier' })} onOpen={() => openState('a_verifier')} />
        <Counter title={T.facturesEnAttente} value={stats.awaitingPayment} testId="stat-awaiting" href={invoicesHref} />
        <Counter title={T.facturesEnRetard} value={stats.overdue} testId="stat-overdue" href="#factures-en-retard"
          onOpen={() => { setOverdueOpen(true); window.history.replaceState(null, '', '#factures-en-retard') }} />
      </div>

      <Box variant="card" p="lg" mt="lg" data-testid="explained">
        {allExplained ? (
          <Text fontWeight="bold" color="success" data-testid="all-explained">{T.tousLesPaiementsSont}</Text>
        ) : (
          <Text>
            <strong data-testid="explained-percent">{stats.explainedPercent} {T.expliques}</strong>{T.colon}{stats.explained} {T.sur} {stats.settledCredits} {T.paiementsRecusRapprochesOu} <span className="qr-nowrap">{euros(stats.toReconcile.totalCents)}</span> {T.aExpliquer}
          </Text>
        )}
        <div className="qr-progress" aria-hidden="true"><div style={{ width: `${stats.explainedPercent}%` }} /></div>
      </Box>
      {stats.livePrecision && stats.livePrecision.keptPermille !== null && (
        <Box variant="card" p="lg" mt="lg" data-testid="live-precision">
          <Text>
            <strong>{T.precisionReelleDesRapprochements} {Math.floor(stats.livePrecision.keptPermille / 10)},{stats.livePrecision.keptPermille % 10} %</strong>{' '}
            — {T.undoneOutOf(stats.livePrecision.undone, stats.livePrecision.automatic)}
          </Text>
        </Box>
      )}

      {overdueOpen && <OverduePanel invoiceResourceId={data.invoiceResourceId} onClose={() => setOverdueOpen(false)} />}
      {unreadNotifications > 0 && !notificationsOpen && (
        <MessageBox mt="lg" variant="info" data-testid="unread-notifications">
          <button type="button" className="qr-link-button" onClick={() => setNotificationsOpen(true)} data-testid="unread-notifications-open">
            {T.unread(unreadNotifications)}
          </button>
        </MessageBox>
      )}
      {notificationsOpen && (
        <NotificationsPanel onUnread={(unread) => setData((d) => d && { ...d, unreadNotifications: unread })} onClose={() => setNotificationsOpen(false)} />
      )}
      {stats.flagged > 0 && (
        <MessageBox mt="lg" variant="warning">
          <Text>
            {T.flagged(stats.flagged)}{' '}
            <a href={hrefFor({ etat: 'a_verifier' })} onClick={(e) => { e.preventDefault(); openState('a_verifier') }}>{T.aVerifier2}</a>.
          </Text>
        </MessageBox>
      )}

      <Box variant="card" p="lg" mt="xl" id="file-rapprochement" data-testid="work-queue">
        <div className="qr-header">
          <H5 mb="0">{T.fileDeRapprochement}</H5>
          <Button type="button" size="sm" variant="text" onClick={() => setHelp(!help)} aria-expanded={help} data-testid="keys-help-toggle">
            {T.raccourcisClavier} <kbd>?</kbd>
          </Button>
        </div>
        {help && (
          <div className="qr-help" role="dialog" aria-label={T.raccourcisClavier} data-testid="keys-help">
            <Text fontWeight="bold" mb="sm">{T.raccourcisClavierDeLa}</Text>
            <dl>
              {QUEUE_KEYS.map((k) => (
                <React.Fragment key={k.command}><dt><kbd>{k.label}</kbd></dt><dd>{k.does}</dd></React.Fragment>
              ))}
            </dl>
          </div>
        )}
        {done && (
          <div className={`qr-done ${done.ok ? 'qr-done-ok' : 'qr-done-error'}`} role="status" data-testid="queue-done">
            <span data-testid="queue-done-message">{done.message}{done.emailNotice ? ` ${done.emailNotice}` : ''}</span>
            {done.ok && done.undo && !done.undone && (
              <Button type="button" size="sm" variant="outlined" disabled={busy !== null} onClick={undoLast} data-testid="queue-undo">
                {T.annuler}{done.emailNotice ? T.lEMailNe : ''} <kbd>u</kbd>
              </Button>
            )}
            {done.ok && current && isToReconcile(current) && (
              <span className="qr-muted" data-testid="queue-next-payment">
                {T.paiementSuivant} {current.payer ?? T.emetteurInconnu}, <span className="qr-nowrap">{euros(current.remainingCents)}</span>
              </span>
            )}
          </div>
        )}
        {canReconcile && selected.size > 0 && (
          <div className="qr-selection" data-testid="queue-selection">
            <span>{T.selectedSuggestions(selected.size)}</span>
            <Button type="button" size="sm" variant="contained" onClick={() => setBatchOpen(true)} data-testid="queue-accept-selection">
              {T.accepterLaSelection} <kbd>{T.majA}</kbd>
            </Button>
            <Button type="button" size="sm" variant="text" onClick={() => setSelected(new Set())}>{T.toutDeselectionner}</Button>
          </div>
        )}
        {batchOpen && (
          <Box variant="card" p="lg" mb="lg" data-testid="queue-batch" style={{ border: '1px solid #f0b44c' }}>
            <AutoReconcilePanel
              resourceId={RESOURCE}
              actionName="accepterSuggestions"
              extra={{ transactionIds: [...selected] }}
              words={{
                summary: (p) => p.count === 0
                  ? T.aucunDesPaiementsSelectionnes
                  : T.batchSummary(p.count, euros(p.totalCents)),
                confirm: (count) => T.batchConfirm(count),
              }}
              onDone={(answer) => {
                const ids = answer.applied?.items.map((i) => i.transactionId) ?? []
                setSelected(new Set())
                setBatchOpen(false)
                setDone({ ok: true, message: answer.message ?? T.suggestionsAcceptees, undo: ids.length > 0 ? { kind: 'associate', transactionIds: ids } : undefined })
                void reload()
              }}
              onClose={() => setBatchOpen(false)}
            />
          </Box>
        )}
        <nav className="qr-tabs" aria-label={T.etatDesPaiements}>
          {STATES.map((s) => (
            <a key={s.value} className="qr-tab" href={hrefFor({ etat: s.value })} aria-current={applied.etat === s.value} data-testid={`queue-tab-${s.value}`}
              onClick={(event) => { event.preventDefault(); open({ ...applied, etat: s.value, page: 1 }) }}>
              {s.label}{s.count && counts ? ` (${counts[s.count]})` : ''}
            </a>
          ))}
        </nav>
        <form
          className="qr-filters"
          data-testid="queue-filters"
          onSubmit={(event) => { event.preventDefault(); open({ ...form, page: 1 }) }}
        >
          <div><label htmlFor="qr-du">{T.du}</label><Input id="qr-du" placeholder={T.dayPlaceholder} value={form.du} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, du: e.target.value })} data-testid="filter-du" /></div>
          <div><label htmlFor="qr-au">{T.to}</label><Input id="qr-au" placeholder={T.dayPlaceholder} value={form.au} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, au: e.target.value })} data-testid="filter-au" /></div>
          <div><label htmlFor="qr-min">{T.montantMin}</label><Input id="qr-min" inputMode="decimal" placeholder={amountInput(0)} value={form.min} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, min: e.target.value })} data-testid="filter-min" /></div>
          <div><label htmlFor="qr-max">{T.montantMax}</label><Input id="qr-max" inputMode="decimal" placeholder={amountInput(0)} value={form.max} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, max: e.target.value })} data-testid="filter-max" /></div>
          <div><label htmlFor="qr-payeur">{T.payeur}</label><Input id="qr-payeur" placeholder={T.nomDeLEmetteur} value={form.payeur} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, payeur: e.target.value })} data-testid="filter-payeur" /></div>
          <div className="qr-header-buttons">
            <Button type="submit" variant="contained" data-testid="filter-search">{T.rechercher}</Button>
            <Button type="button" variant="text" onClick={() => open({ ...NO_FILTERS, etat: applied.etat })} data-testid="filter-reset">{T.effacer}</Button>
          </div>
        </form>
        {filterError && <MessageBox mb="default" variant="danger" message={filterError} data-testid="filter-error" />}
        {!queue ? (
          <Loader />
        ) : queue.total === 0 ? (
          <Text data-testid="queue-empty">
            {applied.etat === 'a_rapprocher' && !applied.du && !applied.au && !applied.min && !applied.max && !applied.payeur.trim()
              ? T.tousLesPaiementsSont2
              : T.aucunPaiementNeCorrespond}
          </Text>
        ) : (
          <div role="table" aria-label={T.paiements} data-testid="payments-to-reconcile">
            <div className="qr-row qr-row-head" role="row">
              <div role="columnheader">{T.date}</div><div role="columnheader">{T.payeur}</div><div role="columnheader" style={{ textAlign: 'right' }}>{T.montant}</div>
              <div role="columnheader">{T.motif}</div><div role="columnheader">{applied.etat === 'a_rapprocher' ? T.meilleureSuggestion : T.facturesEtat}</div><div role="columnheader" />
            </div>
            {queue.items.map((item, index) => (
              <QueueRow key={item.id} item={item} settings={data} canReconcile={canReconcile} busy={busy !== null} active={index === cursor}
                panel={panel?.id === item.id ? panel.kind : null} selected={selected.has(item.id)} draft={draft}
                onFocusRow={() => setCursor(index)}
                onAccept={() => accept(item, false)}
                onConfirm={(withWriteOff) => (withWriteOff ? writeOff(item) : accept(item, true))}
                onOpen={(kind) => { setCursor(index); setDraft(NO_DRAFT); setPanel(kind ? { id: item.id, kind } : null) }}
                onSelect={() => toggleSelect(item)}
                onDraft={setDraft}
                onIgnore={() => ignoreItem(item)} />
            ))}
            <div className="qr-pages" data-testid="queue-pages">
              <span className="qr-muted" data-testid="queue-range">
                {(queue.page - 1) * queue.perPage + 1}–{Math.min(queue.total, queue.page * queue.perPage)} {T.sur} {queue.total} {T.page} {queue.page} {T.sur} {queue.pageCount}
              </span>
              <div className="qr-header-buttons">
                <Button type="button" size="sm" disabled={queue.page <= 1} onClick={() => open({ ...applied, page: queue.page - 1 })} data-testid="queue-previous">{T.precedente}</Button>
                <Button type="button" size="sm" disabled={queue.page >= queue.pageCount} onClick={() => open({ ...applied, page: queue.page + 1 })} data-testid="queue-next">{T.suivante}</Button>
              </div>
            </div>
          </div>
        )}
      </Box>
    </Box>
  )
}

export default Dashboard

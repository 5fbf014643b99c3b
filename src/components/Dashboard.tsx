import React, { useEffect, useRef, useState } from 'react'
import { ApiClient, useNotice } from 'adminjs'
import { Box, Button, H2, H5, Input, Loader, MessageBox, Text } from '@adminjs/design-system'
import { frenchDay, isIsoDay } from '../domain/dates.js'
import { CONFIDENCE_LABELS, type ConfidenceTier } from '../domain/matching/confidence.js'
import { formatEuros, parseAmount } from '../domain/money.js'
import { AutoReconcilePanel } from './AutoReconcile.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import FeedHealth, { type FeedHealthData } from './FeedHealth.js'

interface CountAndSum { count: number; totalCents: number }
interface Stats {
  toReconcile: CountAndSum; reconciled: CountAndSum; awaitingPayment: CountAndSum; overdue: CountAndSum; flagged: number
  ignored: CountAndSum; settledCredits: number; explained: number; explainedPercent: number
  livePrecision?: { automatic: number; undone: number; keptPermille: number | null }
}
interface InvoiceView { id: string; reference: string; client: string | null; openCents: number; allocatedCents: number; remainingAfterCents: number }
interface Suggestion {
  score: number
  autoApply: boolean
  tier: ConfidenceTier
  tierLabel: string
  reasons: Array<{ code: string; label: string }>
  allocations: Array<{ invoiceId: string; amountCents: number }>
  invoices: InvoiceView[]
}
interface Item {
  id: string; day: string; amountCents: number; remainingCents: number; payer: string | null; reference: string | null
  reconciled: boolean; flagged: boolean; ignoredCategory: string | null; invoices: string[]; best: Suggestion | null
}
type State = 'a_rapprocher' | 'rapproches' | 'ignores' | 'a_verifier' | 'tous'
interface Counts { aRapprocher: number; rapproches: number; ignores: number; aVerifier: number }
interface Queue { items: Item[]; total: number; page: number; perPage: number; pageCount: number; counts: Counts }
interface Data { stats: Stats; queue: Queue; canReconcile: boolean; canSync: boolean; unreadNotifications: number }

/** The filter form as typed (French dates and euros), and what the server receives. */
interface Filters { etat: State; du: string; au: string; min: string; max: string; payeur: string; page: number }
const NO_FILTERS: Filters = { etat: 'a_rapprocher', du: '', au: '', min: '', max: '', payeur: '', page: 1 }

const api = new ApiClient()
const RESOURCE = TRANSACTIONS
const STATES: Array<{ value: State; label: string; count?: keyof Counts }> = [
  { value: 'a_rapprocher', label: 'À rapprocher', count: 'aRapprocher' },
  { value: 'rapproches', label: 'Rapprochés', count: 'rapproches' },
  { value: 'ignores', label: 'Ignorés (hors facture)', count: 'ignores' },
  { value: 'a_verifier', label: 'À vérifier', count: 'aVerifier' },
  { value: 'tous', label: 'Tous les paiements' },
]
const IGNORE_LABELS: Record<string, string> = {
  REMBOURSEMENT: 'remboursement', VIREMENT_INTERNE: 'virement interne', APPORT: 'apport', SUBVENTION: 'subvention',
  FRAIS_COMMISSION: 'frais / commission', AUTRE: 'autre',
}

/** "24/11/2026" or "2026-11-24" → "2026-11-24"; "" → undefined; anything else → null (invalid). */
function toIsoDay(text: string): string | undefined | null {
  const value = text.trim()
  if (value === '') return undefined
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
  const iso = french ? `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}` : value
  return isIsoDay(iso) ? iso : null
}
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
  if (du === null || au === null) return { params, error: 'Date invalide : écrivez-la JJ/MM/AAAA, par exemple 24/11/2026.' }
  if (min === null || max === null) return { params, error: 'Montant invalide : écrivez-le en euros, par exemple 1 500,00.' }
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
    return search.get(name) && Number.isInteger(cents) ? formatEuros(cents).replace(/\s?€$/, '') : ''
  }
  return {
    etat,
    du: search.get('du') ? frenchDay(search.get('du')!) : '',
    au: search.get('au') ? frenchDay(search.get('au')!) : '',
    min: euros('minCents'),
    max: euros('maxCents'),
    payeur: search.get('payeur') ?? '',
    page: Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1),
  }
}
const hrefFor = (params: Record<string, string>) => `${window.location.pathname}?${new URLSearchParams(params).toString()}#file-rapprochement`
const showPath = (id: string) => `${rootPath()}/resources/${RESOURCE}/records/${id}/show`
const recordPath = (id: string, action: string) => `${rootPath()}/resources/${RESOURCE}/records/${id}/${action}`

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
.qr-row { display: grid; grid-template-columns: 92px minmax(0, 1.1fr) 110px minmax(0, 1fr) minmax(0, 2.2fr) 236px; gap: 8px 12px; padding: 12px 0; border-top: 1px solid #eeeefb; align-items: start; }
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

const TierBadge: React.FC<{ tier: ConfidenceTier; score: number }> = ({ tier, score }) => (
  <span className={`qr-tier qr-tier-${tier}`} data-testid="tier" data-tier={tier} title={`Score ${Math.round(score * 100)} %`}>
    {CONFIDENCE_LABELS[tier]} · {Math.round(score * 100)} %
  </span>
)

const Counter: React.FC<{ title: string; value: CountAndSum | number; testId: string; href?: string; onOpen?: () => void }> = ({ title, value, testId, href, onOpen }) => {
  const count = typeof value === 'number' ? value : value.count
  const body = (
    <>
      <div className="qr-card-title">{title}</div>
      <div className="qr-card-count" data-testid={`${testId}-count`}>{count}</div>
      {typeof value !== 'number' && <div className="qr-muted qr-nowrap" data-testid={`${testId}-total`}>{formatEuros(value.totalCents)}</div>}
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
  const [checking, setChecking] = useState<string | null>(null)
  const [autoOpen, setAutoOpen] = useState(false)

  const loadStats = () =>
    api
      // A resource action rather than getDashboard: the widget then works as the dashboard, as a page or inside the host's own.
      .resourceAction({ resourceId: RESOURCE, actionName: 'tableauDeBord' })
      .then((response) => setData(response.data as unknown as Data))
      .catch(() => setError('Impossible de charger le tableau de bord.'))
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
      if (request === latest.current) setFilterError(message ?? 'Impossible de charger la file de rapprochement.')
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
    setChecking(null)
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
      const response = await api.resourceAction({ resourceId: RESOURCE, actionName, method: 'post', data: {} })
      const result = response.data as { ok?: boolean; message?: string }
      notice({ message: result.message ?? 'Terminé.', type: result.ok ? 'success' : 'error' })
      await reload()
    } finally {
      setBusy(null)
    }
  }

  /** One click for "sûr"; `confirmed` after Maud read the reasons of a "probable" or "à vérifier" one. */
  const associate = async (item: Item, confirmed: boolean) => {
    if (!item.best) return
    setBusy(item.id)
    try {
      const body = {
        op: 'associate',
        mode: 'SUGGESTION',
        allocations: item.best.allocations.map((a) => ({ invoiceId: a.invoiceId, amountCents: a.amountCents })),
        confirmed,
      }
      const response = await api.recordAction({ resourceId: RESOURCE, recordId: item.id, actionName: 'associer', method: 'post', data: { body: JSON.stringify(body) } })
      const result = response.data as { ok?: boolean; needsConfirmation?: boolean; notice?: { message: string; type: 'success' | 'error' }; emailNotice?: string }
      if (result.needsConfirmation) {
        setChecking(item.id)
        notice({ message: result.notice?.message ?? 'Vérifiez les raisons puis confirmez.', type: 'info' })
        return
      }
      if (result.notice) notice({ message: [result.notice.message, result.emailNotice].filter(Boolean).join(' '), type: result.notice.type })
      if (result.ok) {
        setChecking(null)
        await reload()
      }
    } finally {
      setBusy(null)
    }
  }

  if (error) return <MessageBox m="xl" variant="danger" message={error} />
  if (!data) return <Loader />
  const { stats, canReconcile, unreadNotifications } = data
  const counts = queue?.counts
  const allExplained = stats.toReconcile.count === 0
  return (
    <Box variant="grey" className="qr-dashboard" data-testid="dashboard">
      <style>{CSS}</style>
      <div className="qr-header">
        <H2 mb="0">Rapprochement bancaire</H2>
        {canReconcile && (
          <div className="qr-header-buttons">
            {data.canSync && (
              <Button disabled={busy !== null} onClick={() => runResourceAction('synchroniserQonto')} data-testid="dashboard-sync">
                Synchroniser Qonto
              </Button>
            )}
            <Button variant="contained" disabled={busy !== null} onClick={() => setAutoOpen(true)} data-testid="dashboard-auto">
              Rapprocher automatiquement
            </Button>
          </div>
        )}
      </div>
      <FeedHealth data={(data as { feedHealth?: FeedHealthData }).feedHealth} />
      {autoOpen && (
        <Box variant="card" p="lg" mt="lg" data-testid="dashboard-auto-panel">
          <H5>Rapprochement automatique</H5>
          <AutoReconcilePanel resourceId={RESOURCE} actionName="rapprocherTout" onDone={() => void reload()} onClose={() => setAutoOpen(false)} />
        </Box>
      )}

      <div className="qr-cards">
        <Counter title="À rapprocher" value={stats.toReconcile} testId="stat-to-reconcile" href={hrefFor({ etat: 'a_rapprocher' })} onOpen={() => openState('a_rapprocher')} />
        <Counter title="Rapprochés" value={stats.reconciled} testId="stat-reconciled" href={hrefFor({ etat: 'rapproches' })} onOpen={() => openState('rapproches')} />
        <Counter title="Ignorés (hors facture)" value={stats.ignored} testId="stat-ignored" href={hrefFor({ etat: 'ignores' })} onOpen={() => openState('ignores')} />
        <Counter title="À vérifier" value={stats.flagged} testId="stat-flagged" href={hrefFor({ etat: 'a_verifier' })} onOpen={() => openState('a_verifier')} />
        <Counter title="Factures en attente" value={stats.awaitingPayment} testId="stat-awaiting" />
        <Counter title="Factures en retard" value={stats.overdue} testId="stat-overdue" />
      </div>

      <Box variant="card" p="lg" mt="lg" data-testid="explained">
        {allExplained ? (
          <Text fontWeight="bold" color="success" data-testid="all-explained">Tous les paiements sont expliqués.</Text>
        ) : (
          <Text>
            <strong data-testid="explained-percent">{stats.explainedPercent} % expliqués</strong> : {stats.explained} sur {stats.settledCredits} paiements reçus rapprochés ou ignorés ;
            reste <span className="qr-nowrap">{formatEuros(stats.toReconcile.totalCents)}</span> à expliquer.
          </Text>
        )}
        <div className="qr-progress" aria-hidden="true"><div style={{ width: `${stats.explainedPercent}%` }} /></div>
      </Box>
      {stats.livePrecision && stats.livePrecision.keptPermille !== null && (
        <Box variant="card" p="lg" mt="lg" data-testid="live-precision">
          <Text>
            <strong>Précision réelle des rapprochements automatiques : {Math.floor(stats.livePrecision.keptPermille / 10)},{stats.livePrecision.keptPermille % 10} %</strong>{' '}
            — {stats.livePrecision.undone} annulé{stats.livePrecision.undone > 1 ? 's' : ''} (Dissocier) sur {stats.livePrecision.automatic} rapprochement{stats.livePrecision.automatic > 1 ? 's' : ''} automatique{stats.livePrecision.automatic > 1 ? 's' : ''}.
          </Text>
        </Box>
      )}

      {unreadNotifications > 0 && (
        <MessageBox mt="lg" variant="info" data-testid="unread-notifications">
          <Text>{unreadNotifications} notification{unreadNotifications > 1 ? 's' : ''} non lue{unreadNotifications > 1 ? 's' : ''}</Text>
        </MessageBox>
      )}
      {stats.flagged > 0 && (
        <MessageBox mt="lg" variant="warning">
          <Text>
            {stats.flagged} paiement{stats.flagged > 1 ? 's' : ''} rapproché{stats.flagged > 1 ? 's' : ''} refusé{stats.flagged > 1 ? 's' : ''} ou annulé{stats.flagged > 1 ? 's' : ''} par la banque :{' '}
            <a href={hrefFor({ etat: 'a_verifier' })} onClick={(e) => { e.preventDefault(); openState('a_verifier') }}>à vérifier</a>.
          </Text>
        </MessageBox>
      )}

      <Box variant="card" p="lg" mt="xl" id="file-rapprochement" data-testid="work-queue">
        <H5>File de rapprochement</H5>
        <nav className="qr-tabs" aria-label="État des paiements">
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
          <div><label htmlFor="qr-du">Du</label><Input id="qr-du" placeholder="JJ/MM/AAAA" value={form.du} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, du: e.target.value })} data-testid="filter-du" /></div>
          <div><label htmlFor="qr-au">Au</label><Input id="qr-au" placeholder="JJ/MM/AAAA" value={form.au} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, au: e.target.value })} data-testid="filter-au" /></div>
          <div><label htmlFor="qr-min">Montant min. (€)</label><Input id="qr-min" inputMode="decimal" placeholder="0,00" value={form.min} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, min: e.target.value })} data-testid="filter-min" /></div>
          <div><label htmlFor="qr-max">Montant max. (€)</label><Input id="qr-max" inputMode="decimal" placeholder="0,00" value={form.max} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, max: e.target.value })} data-testid="filter-max" /></div>
          <div><label htmlFor="qr-payeur">Payeur</label><Input id="qr-payeur" placeholder="Nom de l'émetteur" value={form.payeur} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, payeur: e.target.value })} data-testid="filter-payeur" /></div>
          <div className="qr-header-buttons">
            <Button type="submit" variant="contained" data-testid="filter-search">Rechercher</Button>
            <Button type="button" variant="text" onClick={() => open({ ...NO_FILTERS, etat: applied.etat })} data-testid="filter-reset">Effacer</Button>
          </div>
        </form>
        {filterError && <MessageBox mb="default" variant="danger" message={filterError} data-testid="filter-error" />}
        {!queue ? (
          <Loader />
        ) : queue.total === 0 ? (
          <Text data-testid="queue-empty">
            {applied.etat === 'a_rapprocher' && !applied.du && !applied.au && !applied.min && !applied.max && !applied.payeur.trim()
              ? 'Tous les paiements sont expliqués : rien à rapprocher.'
              : 'Aucun paiement ne correspond à ces filtres.'}
          </Text>
        ) : (
          <div role="table" aria-label="Paiements" data-testid="payments-to-reconcile">
            <div className="qr-row qr-row-head" role="row">
              <div role="columnheader">Date</div><div role="columnheader">Payeur</div><div role="columnheader" style={{ textAlign: 'right' }}>Montant</div>
              <div role="columnheader">Motif</div><div role="columnheader">{applied.etat === 'a_rapprocher' ? 'Meilleure suggestion' : 'Factures / état'}</div><div role="columnheader" />
            </div>
            {queue.items.map((item) => (
              <Row key={item.id} item={item} canReconcile={canReconcile} busy={busy} checking={checking === item.id}
                onAssociate={(confirmed) => associate(item, confirmed)} onCheck={() => setChecking(checking === item.id ? null : item.id)} />
            ))}
            <div className="qr-pages" data-testid="queue-pages">
              <span className="qr-muted" data-testid="queue-range">
                {(queue.page - 1) * queue.perPage + 1}–{Math.min(queue.total, queue.page * queue.perPage)} sur {queue.total} · page {queue.page} sur {queue.pageCount}
              </span>
              <div className="qr-header-buttons">
                <Button type="button" size="sm" disabled={queue.page <= 1} onClick={() => open({ ...applied, page: queue.page - 1 })} data-testid="queue-previous">Précédente</Button>
                <Button type="button" size="sm" disabled={queue.page >= queue.pageCount} onClick={() => open({ ...applied, page: queue.page + 1 })} data-testid="queue-next">Suivante</Button>
              </div>
            </div>
          </div>
        )}
      </Box>
    </Box>
  )
}

const Row: React.FC<{ item: Item; canReconcile: boolean; busy: string | null; checking: boolean; onAssociate: (confirmed: boolean) => void; onCheck: () => void }> = ({
  item, canReconcile, busy, checking, onAssociate, onCheck,
}) => {
  const toReconcile = !item.reconciled && item.ignoredCategory === null
  const best = toReconcile ? item.best : null
  return (
    <div className="qr-row" role="row" data-testid="payment-row" data-id={item.id} data-tier={best?.tier ?? ''}>
      <div className="qr-cell qr-date qr-nowrap" role="cell"><a href={showPath(item.id)} data-testid="row-show">{frenchDay(item.day)}</a></div>
      <div className="qr-cell qr-payer" role="cell"><strong>{item.payer ?? 'Émetteur inconnu'}</strong></div>
      <div className="qr-cell qr-amount" role="cell" data-testid="row-amount">
        {formatEuros(toReconcile ? item.remainingCents : item.amountCents)}
        {toReconcile && item.remainingCents !== item.amountCents && <div className="qr-muted">sur {formatEuros(item.amountCents)}</div>}
      </div>
      <div className="qr-cell qr-ref qr-muted" role="cell">{item.reference ?? '—'}</div>
      <div className="qr-cell qr-suggestion" role="cell" data-testid="row-suggestion">
        {!toReconcile ? (
          <span>
            {item.ignoredCategory !== null
              ? `Ignoré : ${IGNORE_LABELS[item.ignoredCategory] ?? item.ignoredCategory}`
              : `Rapproché : ${item.invoices.join(', ') || '—'}`}
            {item.flagged && <span className="qr-tier qr-tier-A_VERIFIER" style={{ marginLeft: 6 }}>à vérifier</span>}
          </span>
        ) : best ? (
          <div>
            <div>
              <strong>{best.invoices.map((i) => i.reference).join(' + ')}</strong>{' '}
              {best.invoices[0]?.client && <span className="qr-muted">{best.invoices[0].client} </span>}
              <TierBadge tier={best.tier} score={best.score} />
            </div>
            <ul className="qr-muted" style={{ margin: '4px 0 0', paddingLeft: 18 }} data-testid="row-reasons">
              {best.reasons.slice(0, checking ? undefined : 2).map((r) => <li key={r.code + r.label}>{r.label}</li>)}
            </ul>
          </div>
        ) : (
          <span className="qr-muted">{item.invoices.length > 0 ? `Partiel : ${item.invoices.join(', ')} · ` : ''}Aucune suggestion</span>
        )}
      </div>
      <div className="qr-actions" role="cell">
        {canReconcile && toReconcile && best?.tier === 'SUR' && (
          <Button size="sm" variant="contained" disabled={busy !== null} onClick={() => onAssociate(false)} data-testid="dashboard-accept">Associer</Button>
        )}
        {canReconcile && toReconcile && best && best.tier !== 'SUR' && (
          <Button size="sm" variant="outlined" disabled={busy !== null} onClick={onCheck} data-testid="dashboard-check" aria-expanded={checking}>Vérifier</Button>
        )}
        {canReconcile && toReconcile && (
          <>
            <Button as="a" size="sm" variant="text" href={recordPath(item.id, 'associer')} data-testid="row-associer-page">Détails</Button>
            <Button as="a" size="sm" variant="text" href={recordPath(item.id, 'ignorer')} data-testid="row-ignore">Ignorer</Button>
          </>
        )}
      </div>
      {checking && best && (
        <div className="qr-check" data-testid="check-panel">
          <Text fontWeight="bold" mb="sm">
            Suggestion <TierBadge tier={best.tier} score={best.score} /> : vérifiez avant d'associer.
          </Text>
          <ul style={{ margin: '0 0 8px', paddingLeft: 18 }}>
            {best.reasons.map((r) => <li key={r.code + r.label}>{r.label}</li>)}
          </ul>
          {best.invoices.map((i) => (
            <div key={i.id} className="qr-muted">
              {i.reference} ({i.client ?? 'client inconnu'}) : <span className="qr-nowrap">{formatEuros(i.allocatedCents)}</span> affectés sur{' '}
              <span className="qr-nowrap">{formatEuros(i.openCents)}</span> dus{i.remainingAfterCents > 0 ? <> · reste <span className="qr-nowrap">{formatEuros(i.remainingAfterCents)}</span></> : ' · soldée'}
            </div>
          ))}
          <div className="qr-header-buttons" style={{ marginTop: 8 }}>
            <Button size="sm" variant="contained" disabled={busy !== null} onClick={() => onAssociate(true)} data-testid="check-confirm">
              Confirmer l'association
            </Button>
            <Button as="a" size="sm" variant="outlined" href={recordPath(item.id, 'associer')}>Choisir une autre facture</Button>
            <Button size="sm" variant="text" onClick={onCheck}>Annuler</Button>
          </div>
        </div>
      )}
    </div>
  )
}

export default Dashboard

/**
 * What the dashboard's cards open without leaving it: the overdue invoices (oldest due first, what
 * is owed, the payments received) and Maud's notifications (read on open, "Tout marquer comme lu").
 */
import React, { useEffect, useState } from 'react'
import { ApiClient } from 'adminjs'
import { Box, Button, H5, Loader, Text } from '@adminjs/design-system'
import { day, euros } from './panel-format.js'
import { failureMessage, postCommand } from './action-request.js'
import { rootPath, TRANSACTIONS } from './paths.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().dashboardPanels

const api = new ApiClient()
const Euros: React.FC<{ cents: number }> = ({ cents }) => <span className="qr-nowrap">{euros(cents)}</span>

interface Overdue {
  id: string; reference: string; client: string | null; dueDate: string; daysLate: number; totalCents: number; paidCents: number; owedCents: number
  payments: Array<{ transactionId: string; date: string; payer: string | null; amountCents: number }>
}

export const OverduePanel: React.FC<{ invoiceResourceId: string; onClose: () => void }> = ({ invoiceResourceId, onClose }) => {
  const [invoices, setInvoices] = useState<Overdue[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api.resourceAction({ resourceId: TRANSACTIONS, actionName: 'facturesEnRetard' })
      .then((r) => {
        setInvoices((r.data as unknown as { invoices: Overdue[] }).invoices)
        document.getElementById('factures-en-retard')?.scrollIntoView({ block: 'start' })
      })
      .catch((failure) => setError(failureMessage(failure)))
  }, [])
  return (
    <Box variant="card" p="lg" mt="lg" id="factures-en-retard" data-testid="overdue-panel">
      <div className="qr-header">
        <H5 mb="0">{T.facturesEnRetardLa}</H5>
        <Button size="sm" variant="text" onClick={onClose}>{T.fermer}</Button>
      </div>
      {error && <Text color="error">{error}</Text>}
      {!invoices && !error && <Loader />}
      {invoices?.length === 0 && <Text mt="default">{T.aucuneFactureEnRetard}</Text>}
      {invoices && invoices.length > 0 && (
        <ul className="qr-overdue" data-testid="overdue-list">
          {invoices.map((i) => (
            <li key={i.id} data-testid="overdue-invoice">
              <div>
                <a href={`${rootPath()}/resources/${invoiceResourceId}/records/${encodeURIComponent(i.id)}/show`}><strong className="qr-nowrap">{i.reference}</strong></a>{' '}
                <span className="qr-muted">{i.client ?? T.unknownClient}</span>
              </div>
              <div>
                {T.echueLe} <span className="qr-nowrap">{day(i.dueDate)}</span> ({T.daysLate(i.daysLate)}){' · '}
                <strong data-testid="overdue-owed">{T.resteDu} <Euros cents={i.owedCents} /></strong> {T.sur} <Euros cents={i.totalCents} />
              </div>
              <div className="qr-muted" data-testid="overdue-payments">
                {i.payments.length === 0
                  ? i.paidCents > 0 ? <>{T.dejaPaye} <Euros cents={i.paidCents} /> {T.horsQonto}</> : T.aucunPaiementRecu
                  : <>{T.dejaRecu} {i.payments.map((p, k) => (
                      <React.Fragment key={p.transactionId}>
                        {k > 0 && ', '}
                        <a href={`${rootPath()}/resources/${TRANSACTIONS}/records/${encodeURIComponent(p.transactionId)}/show`}><Euros cents={p.amountCents} /></a> {T.on} <span className="qr-nowrap">{day(p.date)}</span>{p.payer ? ` (${p.payer})` : ''}
                      </React.Fragment>
                    ))}</>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Box>
  )
}

interface Notification { id: string; title: string; message: string; link: string | null; read: boolean }

export const NotificationsPanel: React.FC<{ onUnread: (count: number) => void; onClose: () => void }> = ({ onUnread, onClose }) => {
  const [list, setList] = useState<Notification[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = () =>
    api.resourceAction({ resourceId: TRANSACTIONS, actionName: 'notificationsRapprochement' })
      .then((r) => {
        const data = r.data as unknown as { notifications: Notification[]; unread: number }
        setList(data.notifications)
        onUnread(data.unread)
      })
      .catch((failure) => setError(failureMessage(failure)))
  useEffect(() => void load(), [])
  const markRead = async (command: object) => {
    const answer = (await api.resourceAction({ resourceId: TRANSACTIONS, actionName: 'notificationsRapprochement', ...postCommand(command) })).data as { ok?: boolean; unread?: number; message?: string }
    if (!answer.ok) throw new Error(answer.message)
    onUnread(answer.unread ?? 0)
  }
  /** Read on open: marked read, then its page. */
  const open = async (n: Notification) => {
    try {
      if (!n.read) await markRead({ ids: [n.id] })
      if (n.link) window.location.assign(n.link)
      else await load()
    } catch (failure) {
      setError(failureMessage(failure))
    }
  }
  const unread = list?.filter((n) => !n.read).length ?? 0
  return (
    <Box variant="card" p="lg" mt="lg" data-testid="notifications-panel">
      <div className="qr-header">
        <H5 mb="0">{T.notifications}</H5>
        <div className="qr-header-buttons">
          {unread > 0 && (
            <Button size="sm" variant="outlined" data-testid="notifications-read-all"
              onClick={() => markRead({ all: true }).then(load).catch((failure) => setError(failureMessage(failure)))}>
              {T.toutMarquerCommeLu}
            </Button>
          )}
          <Button size="sm" variant="text" onClick={onClose}>{T.fermer}</Button>
        </div>
      </div>
      {error && <Text color="error">{error}</Text>}
      {!list && !error && <Loader />}
      {list?.length === 0 && <Text mt="default">{T.aucuneNotification}</Text>}
      {list && list.length > 0 && (
        <ul className="qr-notifications">
          {list.map((n) => (
            <li key={n.id} className={n.read ? 'qr-read' : 'qr-unread'} data-testid="notification" data-read={n.read}>
              <button type="button" className="qr-link-button" onClick={() => void open(n)} data-testid="notification-open">
                <strong>{n.title}</strong>
              </button>
              <div className="qr-muted">{n.message}</div>
            </li>
          ))}
        </ul>
      )}
    </Box>
  )
}

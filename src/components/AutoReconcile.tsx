import React, { useEffect, useState } from 'react'
import { ApiClient, type ActionProps } from 'adminjs'
import { failureMessage, postCommand } from './action-request.js'
import { Box, Button, Loader, MessageBox, Text } from '@adminjs/design-system'
import { day, euros } from './panel-format.js'
import { inPanelLanguage, panelTexts, type ActionText } from './i18n/texts.js'

const T = panelTexts().autoReconcile

interface Item { transactionId: string; day: string; payer: string | null; amountCents: number; invoices: string[] }
export interface Preview { count: number; totalCents: number; fingerprint: string; items: Item[] }
export interface Answer { ok?: boolean; message?: string; preview?: Preview; changed?: boolean; applied?: Preview }

const api = new ApiClient()
const noWrap = { whiteSpace: 'nowrap' } as const

/**
 * "Rapprocher automatiquement", in two steps: what the rule would apply (count, total, each payment
 * with its invoices) and nothing else; then "Rapprocher ces N paiements" applies exactly that (the
 * server refuses if the set changed meanwhile and shows the new one). The action page of the bulk
 * and resource actions, and the dashboard's panel.
 */
export const AutoReconcilePanel: React.FC<{
  resourceId: string
  actionName: string
  recordIds?: string[]
  /** Sent with both steps (the work queue's selection: { transactionIds }). */
  extra?: object
  /** The summary and button words, when it is not the automatic rule (the queue's reviewed selection). */
  words?: { summary: (preview: Preview) => string; confirm: (count: number) => string }
  onDone?: (answer: Answer) => void
  onClose?: () => void
}> = ({ resourceId, actionName, recordIds, extra, words, onDone, onClose }) => {
  const [preview, setPreview] = useState<Preview | null>(null)
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)

  const post = async (command: object): Promise<Answer> => {
    const base = { resourceId, actionName, ...postCommand({ ...extra, ...command }) }
    const response = recordIds ? await api.bulkAction({ ...base, recordIds }) : await api.resourceAction(base)
    return response.data as Answer
  }
  const load = async () => {
    try {
      const answer = await post({ preview: true })
      setPreview(answer.preview ?? null)
      if (!answer.preview) setResult({ ok: false, message: answer.message ?? T.apercuImpossible })
    } catch (failure) {
      setResult({ ok: false, message: failureMessage(failure) })
    }
  }
  useEffect(() => {
    void load()
  }, [])

  const confirm = async () => {
    if (!preview) return
    setRunning(true)
    setResult(null)
    try {
      const answer = await post({ confirm: true, expectedCount: preview.count, expectedTotalCents: preview.totalCents, expectedFingerprint: preview.fingerprint })
      setResult({ ok: Boolean(answer.ok), message: answer.message ?? T.reponseInattendueDuServeur })
      // The set changed since the preview: the server sent the new one, to read again before confirming.
      if (answer.changed && answer.preview) setPreview(answer.preview)
      if (answer.ok) onDone?.(answer)
    } catch (failure) {
      setResult({ ok: false, message: failureMessage(failure) })
    } finally {
      setRunning(false)
    }
  }

  const applied = result?.ok === true
  return (
    <Box data-testid="auto-reconcile">
      {!preview && !result && <Loader />}
      {preview && (
        <Box>
          <Text fontWeight="bold" mb="default" data-testid="auto-summary">
            {words
              ? words.summary(preview)
              : preview.count === 0
                ? T.aucunPaiementNePeut
                : T.unambiguous(preview.count, euros(preview.totalCents))}
          </Text>
          {preview.count > 0 && (
            <Box as="ul" mb="lg" style={{ listStyle: 'none', padding: 0, maxHeight: 320, overflowY: 'auto' }} data-testid="auto-items">
              {preview.items.map((item) => (
                <Box as="li" key={item.transactionId} py="sm" style={{ borderBottom: '1px solid #eeeefb', overflowWrap: 'anywhere' }} data-testid="auto-item">
                  <span style={noWrap}>{day(item.day)}</span> · <strong>{item.invoices.join(' + ')}</strong> ← {item.payer ?? T.emetteurInconnu} ·{' '}
                  <span style={noWrap}>{euros(item.amountCents)}</span>
                </Box>
              ))}
            </Box>
          )}
          {!applied && (
            <Text color="grey60" mb="lg">{T.rienNEstModifie}</Text>
          )}
          <Box flex flexWrap="wrap" style={{ gap: 8 }}>
            {preview.count > 0 && !applied && (
              <Button variant="contained" onClick={confirm} disabled={running} data-testid="auto-confirm" autoFocus={Boolean(words)}>
                {running ? T.enCours : words ? words.confirm(preview.count) : T.matchThese(preview.count)}
              </Button>
            )}
            {onClose && (
              <Button variant="outlined" onClick={onClose} disabled={running} data-testid="auto-close">
                {applied ? T.fermer : T.annuler}
              </Button>
            )}
          </Box>
        </Box>
      )}
      {running && <Loader />}
      {result && <MessageBox mt="lg" variant={result.ok ? 'success' : 'danger'} message={result.message} data-testid="auto-result" />}
    </Box>
  )
}

/** The action page of `rapprocherAutomatiquement` (selection) and `rapprocherTout` (everything). */
const AutoReconcile: React.FC<ActionProps> = ({ action, resource, records }) => {
  const custom = (action.custom ?? {}) as { intro?: ActionText }
  return (
    <Box variant="card" p="xl">
      {custom.intro && <Text mb="lg">{inPanelLanguage(custom.intro)}</Text>}
      {action.actionType === 'bulk' && <Text mb="lg">{T.selected((records ?? []).length)}</Text>}
      <AutoReconcilePanel
        resourceId={resource.id}
        actionName={action.name}
        recordIds={action.actionType === 'bulk' ? (records ?? []).map((r) => r.id) : undefined}
      />
    </Box>
  )
}

export default AutoReconcile

import React, { useState } from 'react'
import { ApiClient } from 'adminjs'
import { withLiveHeader, type LiveProps } from './LiveActionHeader.js'
import { failureMessage, postCommand } from './action-request.js'
import { Box, Button, Loader, MessageBox, Text } from '@adminjs/design-system'
import { inPanelLanguage, panelTexts, type ActionText } from './i18n/texts.js'

const T = panelTexts().runAction

const api = new ApiClient()

/**
 * A confirmation screen for actions that change data: explains, then runs the action by POST
 * (AdminJS would call a component-less action by GET) and shows the server's message.
 * Texts come from the action's `custom` ({ intro, button }).
 */
const RunAction: React.FC<LiveProps> = ({ action, resource, record, records, follow }) => {
  const custom = (action.custom ?? {}) as { intro?: ActionText; button?: ActionText }
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)

  const run = async () => {
    setRunning(true)
    setResult(null)
    try {
      const base = { resourceId: resource.id, actionName: action.name, ...postCommand({}) }
      const response =
        action.actionType === 'record' && record
          ? await api.recordAction({ ...base, recordId: record.id })
          : action.actionType === 'bulk'
            ? await api.bulkAction({ ...base, recordIds: (records ?? []).map((r) => r.id) })
            : await api.resourceAction(base)
      follow(response.data)
      const data = response.data as { ok?: boolean; message?: string }
      setResult({ ok: Boolean(data.ok), message: data.message ?? T.reponseInattendueDuServeur })
    } catch (failure) {
      setResult({ ok: false, message: failureMessage(failure) })
    } finally {
      setRunning(false)
    }
  }

  return (
    <Box variant="card" p="xl">
      {custom.intro && <Text mb="lg">{inPanelLanguage(custom.intro)}</Text>}
      {action.actionType === 'bulk' && <Text mb="lg">{T.selected((records ?? []).length)}</Text>}
      <Button variant="contained" onClick={run} disabled={running || result?.ok === true} data-testid="run-action">
        {running ? T.enCours : (custom.button ? inPanelLanguage(custom.button) : T.confirm)}
      </Button>
      {running && <Loader />}
      {result && <MessageBox mt="lg" variant={result.ok ? 'success' : 'danger'} message={result.message} data-testid="run-action-result" />}
    </Box>
  )
}

export default withLiveHeader(RunAction)

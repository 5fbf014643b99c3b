import React, { useCallback, useState } from 'react'
import { ActionHeader, type ActionProps, type RecordJSON } from 'adminjs'

/** An action component's props, with `follow(answer)`: hand it every server answer (those carrying a record update the header). */
export type LiveProps = ActionProps & { follow: (answer: unknown) => void }

/**
 * AdminJS's header of a record action (title, breadcrumbs, the record's other actions), drawn from
 * the record as the server last answered it. AdminJS draws its own once, from the record loaded on
 * entering the page: after "Associer" the header still offered "Ignorer", which the server then
 * refused. The payment's actions set `hideActionHeader` (AdminJS draws none) and their component,
 * wrapped here, draws this one instead; the server computes each answer's actions by the same rule
 * as the buttons everywhere (domain/payment-actions.ts).
 */
export function withLiveHeader(Body: React.FC<LiveProps>): React.FC<ActionProps> {
  const Live: React.FC<ActionProps> = (props) => {
    const [record, setRecord] = useState<RecordJSON | undefined>(props.record)
    const follow = useCallback((answer: unknown) => {
      const next = (answer as { record?: RecordJSON } | null)?.record
      if (next && Array.isArray(next.recordActions)) setRecord(next)
    }, [])
    return (
      <>
        {props.action.hideActionHeader && record && <ActionHeader resource={props.resource} action={{ ...props.action, hideActionHeader: false }} record={record} />}
        <Body {...props} follow={follow} />
      </>
    )
  }
  return Live
}

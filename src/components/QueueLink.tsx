import React from 'react'
import { Button } from '@adminjs/design-system'
import type { BasePropertyProps } from 'adminjs'
import { rootPath } from './paths.js'
import { panelTexts } from './i18n/texts.js'

const T = panelTexts().queueLink

/**
 * "Associer" in the Transactions Qonto list, one click from the row: shown only where the server
 * offers the action (an unreconciled settled credit, for a user who may reconcile).
 */
const QueueLink: React.FC<BasePropertyProps> = ({ record, resource }) => {
  if (!record?.recordActions?.some((action) => action.name === 'associer')) return null
  const href = `${rootPath()}/resources/${resource.id}/records/${record.id}/associer`
  return (
    <Button as="a" size="sm" variant="outlined" href={href} style={{ whiteSpace: 'nowrap' }} onClick={(event: React.MouseEvent) => event.stopPropagation()} data-testid="list-associer">
      {T.associer}
    </Button>
  )
}

export default QueueLink

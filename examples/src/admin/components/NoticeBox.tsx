/**
 * AdminJS's notices, with one difference: the edit and new forms raise an English sentence of their
 * own when a save fails (not a translation key), shown as is. Here it is read as `messages.saveFailed`
 * of the locale; every other notice is shown exactly as AdminJS shows it (translated, 3 s, closable).
 */
import React, { useEffect } from 'react'
import { useDispatch, useSelector } from 'react-redux'
import { Box, MessageBox } from '@adminjs/design-system'
import { useTranslation } from 'adminjs'

const HARD_CODED: Record<string, string> = {
  'There was an error updating record, Check out console to see more information.': 'saveFailed',
}

type Notice = { id: string; message: string; type?: string; resourceId?: string; options?: Record<string, unknown>; body?: React.ReactNode }

const SHOWN_MS = 3000

function NoticeElement({ notice, drop }: { notice: Notice; drop: () => void }) {
  const { tm } = useTranslation()
  useEffect(() => {
    const timer = window.setTimeout(drop, SHOWN_MS)
    return () => window.clearTimeout(timer)
  }, [notice.id])
  const message = tm(HARD_CODED[notice.message] ?? notice.message, notice.resourceId, notice.options)
  const variant = notice.type === 'error' ? 'danger' : ((notice.type ?? 'info') as 'info')
  return (
    <MessageBox style={{ minWidth: '480px' }} message={message} variant={variant} onCloseClick={drop}>
      {notice.body}
    </MessageBox>
  )
}

export default function NoticeBox() {
  const notices = useSelector((state: { notices: Notice[] }) => state.notices)
  const dispatch = useDispatch()
  if (!notices.length) return null
  return (
    <Box as="div" data-testid="notice-wrapper" data-css="notice-wrapper" flex flexDirection="column" p="sm" style={{ gap: 4 }}>
      {notices.map((notice) => (
        <NoticeElement key={notice.id} notice={notice} drop={() => dispatch({ type: 'DROP_NOTICE', data: { noticeId: notice.id } })} />
      ))}
    </Box>
  )
}

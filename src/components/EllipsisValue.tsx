import React from 'react'
import type { BasePropertyProps } from 'adminjs'

/**
 * A long text in a list (payer, reference, subject, recipient): one line, cut with "…", the whole
 * text in its title, so a column never breaks a name mid-word ("CAFÉ OLYMP E"). Lists only.
 */
const EllipsisValue: React.FC<BasePropertyProps> = ({ property, record }) => {
  const text = String(record?.params?.[property.path] ?? '')
  if (text === '') return <span className="qr-ellipsis">—</span>
  return <span className="qr-ellipsis" title={text}>{text}</span>
}

export default EllipsisValue

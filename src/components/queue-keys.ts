/**
 * The work queue's keyboard: one table gives both what each key does and the "?" help, so the
 * help can never drift from the behaviour. Keys are read only when no text field has the focus.
 */
import { panelTexts } from './i18n/texts.js'

export type QueueCommand =
  | 'next' | 'previous' | 'open' | 'accept' | 'writeOff' | 'ignore' | 'always' | 'undo' | 'select' | 'acceptSelection' | 'help' | 'close' | 'category'

export interface KeyBinding {
  /** KeyboardEvent.key values. */
  keys: string[]
  command: QueueCommand
  /** How the help writes the keys, and what they do (in the panel's language). */
  label: string
  does: string
}

const K = panelTexts().queueKeys

export const QUEUE_KEYS: KeyBinding[] = [
  { keys: ['j', 'ArrowDown'], command: 'next', label: K.nextKeys, does: K.next },
  { keys: ['k', 'ArrowUp'], command: 'previous', label: K.previousKeys, does: K.previous },
  { keys: ['Enter', 'o'], command: 'open', label: K.enter, does: K.open },
  { keys: ['a'], command: 'accept', label: 'a', does: K.accept },
  { keys: ['s'], command: 'writeOff', label: 's', does: K.writeOff },
  { keys: ['i'], command: 'ignore', label: 'i', does: K.ignore },
  { keys: ['t'], command: 'always', label: 't', does: K.always },
  { keys: ['u'], command: 'undo', label: 'u', does: K.undo },
  { keys: ['x', ' '], command: 'select', label: K.selectKeys, does: K.select },
  { keys: ['A'], command: 'acceptSelection', label: K.acceptSelectionKeys, does: K.acceptSelection },
  { keys: ['?'], command: 'help', label: '?', does: K.help },
  { keys: ['Escape'], command: 'close', label: K.escape, does: K.close },
]

const BY_KEY = new Map(QUEUE_KEYS.flatMap((binding) => binding.keys.map((key) => [key, binding.command] as const)))

/** Where typing belongs to a field, not to the queue (Escape still closes). */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (!element || !element.tagName) return false
  const tag = element.tagName.toLowerCase()
  return tag === 'input' || tag === 'textarea' || tag === 'select' || element.isContentEditable
}
/** A focused button or link answers Enter and Space itself (its own click). */
function isControl(target: EventTarget | null): boolean {
  const tag = (target as HTMLElement | null)?.tagName?.toLowerCase()
  return tag === 'button' || tag === 'a'
}

/** The queue command of a key press, or null (then the browser handles it as usual). Digits 1–9: a category chip. */
export function commandOf(event: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey'>): { command: QueueCommand; digit?: number } | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  if (event.key === 'Escape') return { command: 'close' }
  if (isTyping(event.target)) return null
  if ((event.key === 'Enter' || event.key === ' ') && isControl(event.target)) return null
  if (/^[1-9]$/.test(event.key)) return { command: 'category', digit: Number(event.key) }
  const command = BY_KEY.get(event.key)
  return command ? { command } : null
}

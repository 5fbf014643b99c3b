/**
 * The work queue's keyboard: one table gives both what each key does and the "?" help, so the
 * help can never drift from the behaviour. Keys are read only when no text field has the focus.
 */
export type QueueCommand =
  | 'next' | 'previous' | 'open' | 'accept' | 'writeOff' | 'ignore' | 'always' | 'undo' | 'select' | 'acceptSelection' | 'help' | 'close' | 'category'

export interface KeyBinding {
  /** KeyboardEvent.key values. */
  keys: string[]
  command: QueueCommand
  /** How the help writes the keys, and what they do (French). */
  label: string
  does: string
}

export const QUEUE_KEYS: KeyBinding[] = [
  { keys: ['j', 'ArrowDown'], command: 'next', label: 'j ou ↓', does: 'paiement suivant' },
  { keys: ['k', 'ArrowUp'], command: 'previous', label: 'k ou ↑', does: 'paiement précédent' },
  { keys: ['Enter', 'o'], command: 'open', label: 'Entrée', does: 'ouvrir la suggestion ; une fois ouverte, confirmer' },
  { keys: ['a'], command: 'accept', label: 'a', does: 'accepter la suggestion (« sûr » : appliquée ; sinon ouverte pour confirmation, « a » ou Entrée confirme)' },
  { keys: ['s'], command: 'writeOff', label: 's', does: 'solder avec l’écart (frais bancaires), depuis la suggestion ouverte' },
  { keys: ['i'], command: 'ignore', label: 'i', does: 'ignorer (hors facture) : puis 1 à 6 pour la catégorie, Entrée pour valider' },
  { keys: ['t'], command: 'always', label: 't', does: 'dans « Ignorer » : toujours pour ce payeur (oui / non)' },
  { keys: ['u'], command: 'undo', label: 'u', does: 'annuler la dernière action (avant le départ de l’e-mail au client)' },
  { keys: ['x', ' '], command: 'select', label: 'x ou Espace', does: 'sélectionner le paiement (suggestions « sûr » ou « probable »)' },
  { keys: ['A'], command: 'acceptSelection', label: 'Maj + A', does: 'accepter les suggestions sélectionnées (aperçu, puis Entrée)' },
  { keys: ['?'], command: 'help', label: '?', does: 'afficher ou masquer cette aide' },
  { keys: ['Escape'], command: 'close', label: 'Échap', does: 'fermer le panneau ouvert' },
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

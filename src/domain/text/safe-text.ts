/**
 * Text we are ready to store and show: no NUL character (PostgreSQL text and jsonb refuse it) and
 * no lone UTF-16 surrogate (not Unicode; PostgreSQL refuses it, browsers show garbage). Pure.
 */
export type UnsafeTextReason = 'nul' | 'lone-surrogate'

const NUL = /\u0000/
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const UNSAFE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`, 'g')

/** The text with every NUL and lone surrogate replaced by U+FFFD (for keeping refused input readable). */
export function toSafeText(text: string): string {
  return text.replace(UNSAFE, '\uFFFD')
}

export function unsafeTextReason(text: string): UnsafeTextReason | null {
  if (NUL.test(text)) return 'nul'
  if (LONE_SURROGATE.test(text)) return 'lone-surrogate'
  return null
}

export function isSafeText(text: string): boolean {
  return unsafeTextReason(text) === null
}

const MESSAGES: Record<UnsafeTextReason, string> = {
  nul: 'contient un caractère NUL',
  'lone-surrogate': 'contient un caractère Unicode invalide (demi-paire de substitution UTF-16)',
}

/** The French sentence for a reason, e.g. in a zod message or a rejection reason. */
export function describeUnsafeText(reason: UnsafeTextReason): string {
  return MESSAGES[reason]
}

export class UnsafeTextError extends Error {
  constructor(readonly field: string, readonly reason: UnsafeTextReason) {
    super(`Texte refusé (${field}) : ${MESSAGES[reason]}`)
    this.name = 'UnsafeTextError'
  }
}

export function assertSafeText(text: string, field = 'texte'): string {
  const reason = unsafeTextReason(text)
  if (reason) throw new UnsafeTextError(field, reason)
  return text
}

export const MAX_JSON_DEPTH = 64

export type JsonInspection = { ok: true } | { ok: false; reason: string }

/**
 * Walks a parsed JSON value without recursion (a deep value cannot overflow the stack): refuses
 * nesting deeper than `maxDepth` and any key or string that is not safe text. Never throws.
 */
export function inspectJson(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonInspection {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }]
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!
    if (typeof current === 'string') {
      const reason = unsafeTextReason(current)
      if (reason) return { ok: false, reason: `${path || 'racine'} ${MESSAGES[reason]}` }
      continue
    }
    if (current === null || typeof current !== 'object') continue
    if (depth >= maxDepth) return { ok: false, reason: `imbrication JSON trop profonde (plus de ${maxDepth} niveaux)` }
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key
      const reason = unsafeTextReason(key)
      if (reason) return { ok: false, reason: `une clé ${MESSAGES[reason]}` }
      stack.push({ value: child, depth: depth + 1, path: childPath })
    }
  }
  return { ok: true }
}

/**
 * A copy of any parsed JSON that PostgreSQL jsonb accepts, to keep refused input for the admin:
 * strings and keys through `toSafeText`, non-finite numbers as null, anything nested deeper than
 * `maxDepth` as a marker string. Iterative (no stack overflow on deep input); never throws.
 */
export function storableJson(value: unknown, maxDepth = MAX_JSON_DEPTH): unknown {
  const root: { value?: unknown } = {}
  const stack: Array<{ node: unknown; depth: number; assign: (copy: unknown) => void }> = [{ node: value, depth: 0, assign: (copy) => (root.value = copy) }]
  while (stack.length > 0) {
    const { node, depth, assign } = stack.pop()!
    if (typeof node === 'string') assign(toSafeText(node))
    else if (typeof node === 'number') assign(Number.isFinite(node) ? node : null)
    else if (node === null || typeof node !== 'object') assign(node ?? null)
    else if (depth >= maxDepth) assign('[imbrication trop profonde]')
    else {
      const target: Record<string, unknown> = Array.isArray(node) ? (new Array(node.length) as unknown as Record<string, unknown>) : {}
      assign(target)
      for (const [key, child] of Object.entries(node)) {
        stack.push({ node: child, depth: depth + 1, assign: (copy) => (target[toSafeText(key)] = copy) })
      }
    }
  }
  return root.value ?? null
}

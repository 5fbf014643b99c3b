export interface Both<T> {
  fr: T
  en: T
}
/** One text (or text-building function) in both languages; the English one must have the same shape. */
export const both = <T>(fr: T, en: NoInfer<T>): Both<T> => ({ fr, en })

/** A tree of `Both` leaves with each leaf replaced by its text in one language. */
export type Picked<T> = { [K in keyof T]: T[K] extends Both<infer V> ? V : Picked<T[K]> }

const isBoth = (value: unknown): value is Both<unknown> =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 2 && 'fr' in value && 'en' in value

/** Every leaf of `tree` in `language`. */
export function pick<T extends object>(tree: T, language: 'fr' | 'en'): Picked<T> {
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [key, isBoth(value) ? value[language] : pick(value as Record<string, unknown>, language)]),
  ) as Picked<T>
}

/** The plural "s" of a French or English noun counted `n` times ("1 facture", "2 factures"). */
export const s = (n: number): string => (n > 1 ? 's' : '')

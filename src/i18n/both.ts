export interface Both<T> {
  fr: T
  en: T
}
/** One text (or text-building function) in both languages; the English one must have the same shape. */
export const both = <T>(fr: T, en: NoInfer<T>): Both<T> => ({ fr, en })

/**
 * LIKE / ILIKE patterns from text a user typed: "%" and "_" are wildcards and "\" the escape
 * character, so all three are escaped and the text matches only itself.
 *
 * Use with `... LIKE $1 ESCAPE '\'` (or ILIKE: same escaping, the escape character is not
 * case-folded). PostgreSQL's default escape character is already the backslash, so the pattern is
 * also right where no ESCAPE clause can be written, e.g. Prisma's `contains` / `startsWith` /
 * `endsWith` (with or without `mode: 'insensitive'`): pass `escapeLike(text)` there, Prisma adds
 * the surrounding "%". Needs standard_conforming_strings on (the default since PostgreSQL 9.1) when
 * the pattern is written as a literal rather than bound as a parameter.
 */
export const LIKE_ESCAPE = '\\'

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `${LIKE_ESCAPE}${character}`)
}

/** "%<escaped text>%": rows containing the text anywhere. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`
}

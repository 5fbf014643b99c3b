/**
 * Raw SQL over the host's tables, for the few queries that need it for speed. Identifiers come
 * from the host's DMMF (quoted here), values are always bound parameters; the only literals are
 * the status values of the host's mapping, which partial indexes need to see as constants.
 */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`

export const literal = (value: string | number | boolean): string =>
  typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value)

/** Collects bound values and hands out their $n placeholders. */
export class Params {
  readonly values: unknown[] = []

  add(value: unknown, cast = ''): string {
    this.values.push(value)
    return `$${this.values.length}${cast}`
  }
}

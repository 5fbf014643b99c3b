/** A mistake in the options a host passes to the extension: a French message naming what to fix. */
export class ReconciliationConfigError extends Error {
  override name = 'ReconciliationConfigError'
}

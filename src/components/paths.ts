/** The host's AdminJS rootPath, as AdminJS gives it to the browser (never a hard-coded /admin). */
export function rootPath(): string {
  const state = (globalThis as { REDUX_STATE?: { paths?: { rootPath?: string } } }).REDUX_STATE
  return (state?.paths?.rootPath ?? '/admin').replace(/\/$/, '')
}

export const TRANSACTIONS = 'TransactionQonto'

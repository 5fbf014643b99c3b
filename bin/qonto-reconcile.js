#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx qonto-reconcile …` works right after `npm ci`.
import { register } from 'tsx/esm/api'

// AdminJS writes its component bundle here; Express 5 refuses to serve files from dot-directories.
process.env.ADMIN_JS_TMP_DIR ??= 'adminjs-bundle'
register()
const { main } = await import('../src/cli/main.ts')
try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  process.stderr.write(`Erreur : ${error instanceof Error ? error.message : String(error)}\n`)
  if (process.env.DEBUG) console.error(error)
  process.exitCode = 1
}

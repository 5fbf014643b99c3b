/**
 * The panel's React components, built once at `npm run build` (so at pack time) into dist/components:
 * plain, minified ES modules, one per component the extension registers, their shared code in chunks,
 * every npm import they need (date-fns' French locale…) inlined. What AdminJS gives the browser as
 * globals (react, adminjs, @adminjs/design-system…) stays an import, which the host's bundler maps to
 * those globals. The host's AdminJS still bundles its components at start, but ours reach it as
 * ~100 kB of finished JavaScript (no TypeScript, no JSX, outside Babel's reach under node_modules)
 * instead of 50 source files to transpile.
 */
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('../', import.meta.url))
const outdir = `${root}dist/components`

/** The components component-loader.ts registers, read from it so that the two lists cannot drift. */
export function registeredComponents() {
  const loader = readFileSync(`${root}src/admin/component-loader.ts`, 'utf8')
  const names = [...loader.matchAll(/componentPath\('(\w+)'\)/g)].map((match) => match[1])
  if (names.length === 0) throw new Error('build-components: no componentPath(…) found in src/admin/component-loader.ts')
  return [...new Set(names)]
}

/** AdminJS's browser globals (adminjs/lib/backend/bundler/utils/asset-bundler.js, DEFAULT_EXTERNALS). */
const ADMINJS_GLOBALS = ['prop-types', 'react', 'react-dom', 'redux', 'react-redux', 'react-router', 'react-router-dom', '@adminjs/design-system/styled-components', 'adminjs', '@adminjs/design-system', 'react-feather']

export async function buildComponents() {
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    entryPoints: Object.fromEntries(registeredComponents().map((name) => [name, `${root}src/components/${name}.tsx`])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    jsx: 'transform',
    external: ADMINJS_GLOBALS,
    define: { 'process.env.NODE_ENV': '"production"' },
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  })
  return result.metafile
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const metafile = await buildComponents()
  const bytes = Object.values(metafile.outputs).reduce((sum, output) => sum + output.bytes, 0)
  process.stdout.write(`dist/components: ${Object.keys(metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} kB\n`)
}

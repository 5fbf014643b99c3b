/**
 * One host start's component bundling, alone in its process (AdminJS reads NODE_ENV and
 * ADMIN_JS_TMP_DIR once, at import): the extension's components registered through the given
 * component-loader module, plus the reference host's own component, then `admin.initialize()` as a
 * production host calls it at every start. Prints {"ms", "bytes"} on its last line.
 *
 *   node --import tsx bench/bundle-start.child.ts <component-loader module | none>
 */
import { statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

process.env.NODE_ENV = 'production'
const [loaderModule] = process.argv.slice(2)
if (!loaderModule) throw new Error('usage: bundle-start.child.ts <component-loader module>')

const { default: AdminJS, ComponentLoader } = await import('adminjs')
const loader = new ComponentLoader()
// "none": the host's component alone, the floor every start pays whatever the extension ships.
if (loaderModule !== 'none') {
  const { registerComponents, registerFrenchWidgets } = (await import(pathToFileURL(resolve(loaderModule)).href)) as typeof import('../src/admin/component-loader.js')
  registerComponents(loader)
  registerFrenchWidgets(loader)
}
loader.add('AgenceIbanList', join(import.meta.dirname, '..', 'examples', 'src', 'admin', 'components', 'IbanList.tsx'))
const admin = new AdminJS({ componentLoader: loader })

const started = performance.now()
await admin.initialize()
const ms = performance.now() - started
const bytes = statSync(join(process.env.ADMIN_JS_TMP_DIR ?? '.adminjs', 'bundle.js')).size
console.log(JSON.stringify({ ms: Math.round(ms), bytes }))

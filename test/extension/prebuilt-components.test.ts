/**
 * The panel's components as the tarball ships them (dist/components, built at `npm run build`): one
 * finished file per component the extension registers, importing nothing but its own chunks and the
 * globals AdminJS gives the browser, so that a host's AdminJS has nothing to transpile or resolve.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ComponentLoader } from 'adminjs'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { registerComponents, registerFrenchWidgets } from '../../src/admin/component-loader.js'
import { ensureBuiltPackage } from '../helpers/built-package.js'

const DIST = fileURLToPath(new URL('../../dist/components/', import.meta.url))
const ADMINJS_GLOBALS = ['react', 'react-dom', 'prop-types', 'redux', 'react-redux', 'react-router', 'react-router-dom', 'adminjs', '@adminjs/design-system', '@adminjs/design-system/styled-components', 'react-feather']

/** Every file the extension registers, by the name the loader gives it. */
function registered(): Map<string, string> {
  const added = new Map<string, string>()
  const loader = { add: (name: string, path: string) => (added.set(name, path), name) } as unknown as ComponentLoader
  registerComponents(loader)
  registerFrenchWidgets(loader)
  return added
}

const importsOf = (code: string) => [...code.matchAll(/(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+)["']/g)].map((match) => match[1]!)

describe('the prebuilt panel components', () => {
  beforeAll(async () => ensureBuiltPackage(inject('testRunId')), 300_000)

  it('ships one built file per registered component, and no source', () => {
    const files = readdirSync(DIST)
    for (const [name, path] of registered()) expect(files, name).toContain(`${basename(path).replace(/\.tsx$/, '')}.js`)
    expect(files.filter((file) => !/\.js$/.test(file))).toEqual([])
  })

  it('imports only its own chunks and the globals AdminJS provides (its npm imports are inlined)', () => {
    for (const file of readdirSync(DIST)) {
      const code = readFileSync(join(DIST, file), 'utf8')
      for (const specifier of importsOf(code)) {
        expect(specifier.startsWith('./chunk-') || ADMINJS_GLOBALS.includes(specifier), `${file} imports ${specifier}`).toBe(true)
      }
      expect(code, file).not.toContain('process.env')
    }
    // date-fns' French month names travel inside the package's files.
    expect(readdirSync(DIST).some((file) => readFileSync(join(DIST, file), 'utf8').includes('janvier'))).toBe(true)
  })

  it('is minified: about 120 kB for all of them', () => {
    const bytes = readdirSync(DIST).reduce((sum, file) => sum + readFileSync(join(DIST, file)).length, 0)
    expect(bytes).toBeLessThan(250_000)
    const dashboard = readFileSync(join(DIST, 'Dashboard.js'), 'utf8')
    // Local names renamed, comments gone.
    expect(dashboard).not.toContain('toIsoDay')
    expect(dashboard).not.toContain('/**')
  })
})

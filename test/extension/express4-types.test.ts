/**
 * A host on Express 4 compiles: its `express` resolves to @types/express 4 (the `@types/express4`
 * alias in devDependencies), strict settings, the package's entry points. `keepRawBody` in
 * `express.json({ verify })` and the extension's routers in `app.use` type-check there as they do on
 * Express 5 (the project's own typecheck covers the same file against Express 5).
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { strictHostOptions } from '../helpers/strict-host.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const HOST = join(ROOT, 'test/fixtures/express4-host/host.ts')

function compile(expressTypes: string): string[] {
  const program = ts.createProgram([HOST], {
    ...strictHostOptions(ROOT, { express: [`${expressTypes}/index.d.ts`], 'qonto-reconcile': ['src/index.ts'] }),
    customConditions: ['qonto-reconcile-source'],
  })
  const express = program.getSourceFiles().find((file) => file.fileName.endsWith(`${expressTypes}/index.d.ts`))
  expect(express, `${expressTypes} not resolved`).toBeDefined()
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || !d.file.fileName.includes('/node_modules/'))
    .map((d) => `${d.file ? `${d.file.fileName.slice(ROOT.length)}:${d.file.getLineAndCharacterOfPosition(d.start!).line + 1} ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
}

describe('a strict host on Express 4', () => {
  it('compiles express.json({ verify: keepRawBody }) and the extension routers against @types/express 4', () => {
    const version = createRequire(import.meta.url)(join(ROOT, 'node_modules/@types/express4/package.json')).version as string
    expect(version).toMatch(/^4\./)
    expect(compile('node_modules/@types/express4')).toEqual([])
  }, 180_000)
})

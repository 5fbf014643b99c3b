/**
 * The README's TypeScript snippets compile in a strict TypeScript host (strict, NodeNext, the
 * package's own entry points, @types/express), as a host copying them would compile them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { strictHostOptions } from '../helpers/strict-host.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const snippets = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]!)
// Inside the repository, so that the snippets resolve express, adminjs… as a host's files would.
mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true })
const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/qr-readme-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("the README's TypeScript snippets", () => {
  it('there are snippets to check (the mount example among them)', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(4)
    expect(snippets.some((s) => s.includes('createReconciliation({'))).toBe(true)
  })

  it('each compiles with strict settings against the package\'s entry points', () => {
    mkdirSync(join(dir, 'snippets'))
    const files = snippets.map((text, i) => {
      const file = join(dir, 'snippets', `readme-${i + 1}.ts`)
      writeFileSync(file, text.includes('import ') || text.includes('export ') ? text : `${text}\nexport {}\n`)
      return file
    })
    // The package as a host imports it (its sources stand for dist/ here).
    const program = ts.createProgram(files, strictHostOptions(ROOT, { 'qonto-reconcile': ['src/index.ts'], 'qonto-reconcile/core': ['src/core.ts'] }))
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && d.file.fileName.startsWith(join(dir, 'snippets')))
      .map((d) => `${d.file!.fileName.split('/').pop()}:${d.file!.getLineAndCharacterOfPosition(d.start!).line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
    expect(errors).toEqual([])
  }, 180_000)
})

/**
 * The README's TypeScript snippets compile in a strict TypeScript host (strict, NodeNext, the
 * package's own entry points, @types/express), as a host copying them would compile them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createHmac } from 'node:crypto'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { strictHostOptions } from '../helpers/strict-host.js'
import { signPayload } from '../../src/webhooks/signature.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const README = readFileSync(join(ROOT, 'README.md'), 'utf8')
const snippets = [...README.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]!)
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

  it('the example delivery is the one the webhook tests sign and store, signed as the scheme says', () => {
    const blocks = [...README.matchAll(/^```json\n([\s\S]*?)^```/gm)].map((m) => JSON.parse(m[1]!))
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/qonto/webhook-v1-transactions.body.json'), 'utf8'))
    expect(blocks).toContainEqual(fixture)
    // HMAC-SHA256 of "<unix seconds>.<raw body>", lowercase hex, as the README's signing snippet does it.
    const body = JSON.stringify(fixture)
    const t = 1_767_000_000
    const readmeWay = createHmac('sha256', 'the-subscription-secret-0123456789').update(`${t}.${body}`).digest('hex')
    expect(readmeWay).toMatch(/^[0-9a-f]{64}$/)
    expect(signPayload('the-subscription-secret-0123456789', t, body)).toBe(readmeWay)
  })
})

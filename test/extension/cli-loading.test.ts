/** The built CLI runs in plain Node and loads only the command it runs: `suggest` loads no AdminJS, Prisma or Express. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { ensureBuiltPackage } from '../helpers/built-package.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TRACER = fileURLToPath(new URL('../fixtures/trace-imports.mjs', import.meta.url))

describe('the built qonto-reconcile CLI', () => {
  let dir: string
  beforeAll(async () => {
    await ensureBuiltPackage(inject('testRunId'))
    dir = mkdtempSync(join(tmpdir(), 'qr-cli-'))
  })

  const traced = (args: string[]) => {
    const trace = join(dir, `trace-${Math.random()}.txt`)
    writeFileSync(trace, '')
    const stdout = execFileSync('node', ['--import', TRACER, join(ROOT, 'bin/qonto-reconcile.js'), ...args], {
      cwd: dir,
      env: { ...process.env, TRACE_FILE: trace, NODE_OPTIONS: '' },
      encoding: 'utf8',
    })
    return { stdout, modules: readFileSync(trace, 'utf8').split('\n').filter(Boolean) }
  }

  it('runs suggest from dist without loading AdminJS, Prisma, Express or the other commands', () => {
    const input = join(dir, 'input.json')
    writeFileSync(input, JSON.stringify({
      clients: [{ id: 'c1', name: 'Dupont et Fils' }],
      invoices: [{ id: 'i1', number: 'FACT-2026-001', clientId: 'c1', totalCents: 150000, issueDate: '2026-10-01' }],
      transactions: [{ id: 't1', amountCents: 150000, reference: 'FACT-2026-001', settledAt: '2026-11-02T10:00:00Z' }],
    }))
    const { stdout, modules } = traced(['suggest', '--input', input])
    expect(JSON.parse(stdout).results[0].suggestions[0].allocations).toEqual([{ invoiceId: 'i1', amountCents: 150000 }])
    expect(modules.some((url) => url.includes('/dist/cli/suggest.command.js'))).toBe(true)
    expect(modules.filter((url) => /node_modules\/(adminjs|@adminjs|@prisma|express|react)\//.test(url))).toEqual([])
    expect(modules.filter((url) => /\/dist\/(cli\/(sync|export|reconcile|init)\.command|index|core)\.js$/.test(url))).toEqual([])
    expect(modules.every((url) => !url.includes('/src/'))).toBe(true)
  })

  it('answers --help without loading any command', () => {
    const { stdout, modules } = traced(['--help'])
    expect(stdout).toContain('Usage : qonto-reconcile')
    expect(modules.filter((url) => url.includes('.command.js'))).toEqual([])
  })
})

/**
 * The feed and the reconciliation are two rooms, and dependencies run one way: nothing under
 * src/feed reaches src/reconcile, directly or through another module (src/runtime, src/admin…).
 * The reconciliation side answers the feed's ingest hooks instead (src/feed/ingest-hooks.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const src = join(root, 'src')

/** Relative imports of a TypeScript file (static, type-only, re-exports and dynamic ones), resolved to files. */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!)
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = resolve(dirname(file), s)
      const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]
      const found = candidates.find((c) => existsSync(c) && !c.endsWith('/'))
      if (!found) throw new Error(`${relative(root, file)}: cannot resolve ${s}`)
      return found
    })
}

/** Every chain of imports from `start` that reaches a file under `forbidden`, each as the list of files. */
export function pathsInto(start: string, forbidden: string): string[][] {
  const found: string[][] = []
  const seen = new Set<string>()
  const walk = (file: string, chain: string[]) => {
    if (file.startsWith(forbidden)) return void found.push([...chain, file])
    if (seen.has(file)) return
    seen.add(file)
    for (const next of importsOf(file)) walk(next, [...chain, file])
  }
  walk(start, [])
  return found
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  )

describe('the feed does not depend on the reconciliation', () => {
  it('reads every import of src/feed (the walk sees the real graph)', () => {
    const ingest = join(src, 'feed/transaction-ingest.service.ts')
    expect(importsOf(ingest)).toContain(join(src, 'context.ts'))
    // The walk does find a forbidden path when there is one: the composition root reaches both rooms.
    expect(pathsInto(join(src, 'core.ts'), join(src, 'reconcile/')).length).toBeGreaterThan(0)
  })

  it.each(filesUnder(join(src, 'feed')).map((f) => relative(root, f)))('%s reaches nothing under src/reconcile', (file) => {
    const chains = pathsInto(join(root, file), join(src, 'reconcile/')).map((chain) => chain.map((f) => relative(root, f)).join(' → '))
    expect(chains).toEqual([])
  })
})

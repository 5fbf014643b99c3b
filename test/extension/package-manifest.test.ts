/**
 * What the package asks of a host, as a library should (issue 19): runtime dependencies as ranges
 * (the one pin explained), each one named with its reason in the README's table, nothing pulled in for
 * one function (fuzzball's lodash), and source maps that never point at files the package does not
 * ship (dist/'s maps carry their sources inline).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, inject, it } from 'vitest'
import { ensureBuiltPackage } from '../helpers/built-package.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; files: string[] }
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; peer?: boolean }> }
/** Its versions name a Prisma engine build, not a semver line (README, the dependency paragraph). */
const PINNED = new Set(['@prisma/prisma-schema-wasm'])

describe('the package as a dependency of a host', () => {
  it('declares its runtime dependencies as ranges, the engine-build pin aside', () => {
    const pinned = Object.entries(manifest.dependencies).filter(([name, range]) => !PINNED.has(name) && !/^[\^~]|^>=/.test(range))
    expect(pinned).toEqual([])
  })

  it('installs a small runtime tree, each direct dependency explained in the README, no lodash', () => {
    const runtime = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional && !entry.peer)
      .map(([path]) => path.replace(/^.*node_modules\//, ''))
    expect(runtime).not.toContain('lodash')
    expect(runtime).not.toContain('fuzzball')
    // Today: the six direct ones and p-retry's is-network-error. A new one is a decision, said in the README.
    expect(runtime.length).toBeLessThanOrEqual(10)
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const unexplained = Object.keys(manifest.dependencies).filter((name) => !readme.includes(`| ${name} |`))
    expect(unexplained).toEqual([])
  })

  it("ships source maps whose sources are inside them (the package has no src/ to point at)", async () => {
    await ensureBuiltPackage(inject('testRunId'))
    expect(manifest.files).not.toContain('src')
    const dist = join(ROOT, 'dist')
    const maps = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(50)
    const outside = maps.filter((file) => {
      const map = JSON.parse(readFileSync(join(dist, file), 'utf8')) as { sources: string[]; sourcesContent?: Array<string | null> }
      return map.sources.some((_source, i) => typeof map.sourcesContent?.[i] !== 'string')
    })
    expect(outside).toEqual([])
  }, 300_000)
})

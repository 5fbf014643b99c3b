/**
 * The CLI speaks its user's language: the config's `language` for the commands that read a config
 * (cloturer's refusal here), else the environment's locale (LC_ALL, LC_MESSAGES, LANG); init and
 * remove, which read no config, follow the locale. French by default: no locale, "C" or "POSIX".
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { environmentLanguage } from '../../src/cli/cli-language.js'
import { main } from '../../src/cli/main.js'
import { hostOptions } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { copyHost, removeCopies, runInit } from '../schema/hosts.js'

const TODAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date())
const saved = process.env.LC_ALL

afterEach(() => {
  process.env.LC_ALL = saved
})
afterAll(removeCopies)

describe('the CLI’s language', () => {
  it('reads the environment’s locale, French by default', () => {
    expect(environmentLanguage({})).toBe('fr')
    expect(environmentLanguage({ LANG: 'C.UTF-8' })).toBe('fr')
    expect(environmentLanguage({ LANG: 'POSIX' })).toBe('fr')
    expect(environmentLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr')
    expect(environmentLanguage({ LANG: 'en_GB.UTF-8' })).toBe('en')
    expect(environmentLanguage({ LANG: 'de_DE.UTF-8' })).toBe('en')
    expect(environmentLanguage({ LC_ALL: 'fr_FR.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fr')
    expect(environmentLanguage({ LC_ALL: '', LC_MESSAGES: 'en_US.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('en')
  })

  it('init refuses an unknown invoice model in English under an English locale, in French otherwise', async () => {
    const project = copyHost('invoice-int')
    process.env.LC_ALL = 'en_US.UTF-8'
    const english = await runInit(['--invoice-model', 'Document'], project)
    expect(english.code).toBe(2)
    expect(english.stderr).toContain("Model “Document” not found in the application's Prisma schema.")
    expect(english.stderr).toContain('Available models: Account, Customer, Invoice, InvoiceLine.')
    process.env.LC_ALL = 'C.UTF-8'
    const french = await runInit(['--invoice-model', 'Document'], project)
    expect(french.stderr).toContain("Modèle « Document » introuvable dans le schéma Prisma de l'application.")
  })

  describe('a command that reads a config', () => {
    let db: TestDatabase
    let dir: string
    beforeAll(async () => {
      db = await createTestDatabase('pglite')
      dir = mkdtempSync(join(tmpdir(), 'qr-cli-language-'))
    }, 120_000)
    afterAll(async () => db?.close())

    async function cloturer(language: 'fr' | 'en' | undefined): Promise<{ code: number; stderr: string }> {
      const key = `__qrCliLanguage_${language ?? 'none'}`
      ;(globalThis as Record<string, unknown>)[key] = { ...hostOptions(db), ...(language ? { language } : {}), close: async () => undefined }
      const config = join(dir, `${key}.config.mjs`)
      writeFileSync(config, `export default () => globalThis[${JSON.stringify(key)}]\n`)
      let stderr = ''
      const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
      const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
      try {
        return { code: await main(['cloturer', '--jusqu-au', TODAY, '--config', config]), stderr }
      } finally {
        out.mockRestore()
        err.mockRestore()
      }
    }

    it('refuses in the configured language, else the locale’s', async () => {
      const english = await cloturer('en')
      expect(english.code).toBe(1)
      expect(english.stderr).toMatch(/^Cannot close through \d{1,2} [A-Z][a-z]{2} \d{4}: only a finished period can be closed/)
      expect((await cloturer(undefined)).stderr).toMatch(/^Impossible de clôturer jusqu’au \d{2}\/\d{2}\/\d{4}/)
      process.env.LC_ALL = 'en_US.UTF-8'
      expect((await cloturer(undefined)).stderr).toMatch(/^Cannot close through/)
      // The config's language wins over the locale.
      expect((await cloturer('fr')).stderr).toMatch(/^Impossible de clôturer/)
    })
  })
})

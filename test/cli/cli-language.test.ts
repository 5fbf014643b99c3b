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
import { removeCommand } from '../../src/cli/remove.command.js'
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

  /** What a command prints, its output and errors captured. */
  async function printed(command: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = ''
    let stderr = ''
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
    try {
      return { code: await command(), stdout, stderr }
    } finally {
      out.mockRestore()
      err.mockRestore()
    }
  }

  it('the help, init’s report and remove’s report are English under an English locale, French otherwise', async () => {
    const project = copyHost('invoice-int')
    process.env.LC_ALL = 'en_US.UTF-8'
    const help = await printed(() => main(['--help']))
    expect(help.stdout).toMatch(/^Usage: qonto-reconcile <command> \[options\]\n\nCommands:\n/)
    expect(help.stdout).toContain('bank reconciliation statement on that day (CSV)')
    expect((await printed(() => main(['nope']))).stderr).toMatch(/^Unknown command: nope\n\nUsage: /)
    expect((await printed(() => main(['etat', '--dat', '2026-11-30']))).stderr).toContain('Invalid option for etat: unknown option “--dat”')
    // Each command's own usage line, before any config is read.
    expect((await printed(() => main(['reconcile']))).stderr).toBe('Usage: qonto-reconcile reconcile --auto (only the unambiguous matches are applied)\n')
    expect((await printed(() => main(['export']))).stderr).toMatch(/^Usage: qonto-reconcile export --format csv\|fec --from YYYY-MM-DD/)
    expect((await printed(() => main(['etat']))).stderr).toMatch(/^Usage: qonto-reconcile etat --date YYYY-MM-DD/)
    expect((await printed(() => main(['cloturer']))).stderr).toMatch(/^Usage: qonto-reconcile cloturer --jusqu-au YYYY-MM-DD/)
    expect((await printed(() => main(['suggest', '--input', '-', '--language', 'de']))).stderr).toMatch(/^Unknown language: “de” \(fr or en\)\nUsage: qonto-reconcile suggest --input FILE/)
    expect((await printed(() => main(['sync', '--since', 'hier']))).stderr).toBe('--since expects an ISO date (e.g. 2026-11-01), got “hier”\n')
    expect((await runInit(['--help'], project)).stdout).toMatch(/^Usage: qonto-reconcile init --invoice-model MODEL/)
    const init = await runInit(['--invoice-model', 'Invoice', '--dry-run'], project)
    expect(init.code).toBe(0)
    expect(init.stdout).toContain('Trial run (--dry-run): nothing was written.')
    expect(init.stdout).toMatch(/qonto-reconcile models \(.+\): would be written to .+\.\nRelations to Invoice\.id \(Int\)\./)
    expect(init.stdout).toContain('Next steps:')
    expect((await runInit(['--invoice-model', 'Invoice', '--add-relations'], project)).code).toBe(0)
    const remove = await printed(() => removeCommand(['--dry-run'], project))
    expect(remove.stderr).toBe('')
    expect(remove.stdout).toContain('Next steps:\n  1. Export what the accountant must keep')
    expect((await printed(() => removeCommand(['--help'], project))).stdout).toMatch(/^Usage: qonto-reconcile remove /)
    // The words only French would use never reach an English reader (the schema fragment init shows aside).
    const report = init.stdout.slice(init.stdout.indexOf('qonto-reconcile models'))
    for (const text of [help.stdout, report, remove.stdout.slice(0, remove.stdout.indexOf('-- '))]) expect(text).not.toMatch(/[àâçèéêîôû«»]|\b(les|des|votre|Étapes)\b/)

    process.env.LC_ALL = 'C.UTF-8'
    expect((await printed(() => main(['--help']))).stdout).toMatch(/^Usage : qonto-reconcile <commande> \[options\]/)
    expect((await printed(() => main(['reconcile']))).stderr).toBe('Usage : qonto-reconcile reconcile --auto (seuls les rapprochements sans ambiguïté sont appliqués)\n')
    expect((await printed(() => main(['suggest', '--input', '-', '--language', 'de']))).stderr).toMatch(/^Langue inconnue : « de » \(fr ou en\)\nUsage : qonto-reconcile suggest --input FICHIER/)
    const french = await runInit(['--invoice-model', 'Invoice', '--dry-run'], project)
    expect(french.stdout).toContain("Essai (--dry-run) : rien n'a été écrit.")
    expect(french.stdout).toContain('Étapes suivantes :')
    expect((await printed(() => removeCommand(['--dry-run'], project))).stdout).toContain('  1. Exportez ce que le comptable doit garder')
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

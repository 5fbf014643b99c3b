// Host schema fixtures (test/fixtures/hosts) copied into throw-away folders, and CLI capture.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { vi } from 'vitest'
import { initCommand } from '../../src/cli/init.command.js'

export const HOSTS_DIR = fileURLToPath(new URL('../fixtures/hosts/', import.meta.url))

/** seed-folder: multi-file, Document (String cuid); invoice-int: single file, Invoice (Int); uuid-host: Bill (@db.Uuid). */
export type HostName = 'seed-folder' | 'invoice-int' | 'uuid-host'

const created: string[] = []

/** A copy of the fixture as `<project>/prisma/`; returns the project folder (the CLI's cwd). */
export function copyHost(name: HostName): string {
  const project = mkdtempSync(join(tmpdir(), `qr-init-${name}-`))
  created.push(project)
  cpSync(join(HOSTS_DIR, name), join(project, 'prisma'), { recursive: true })
  return project
}

export function removeCopies(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Every file under a folder, by relative path: to compare two states of a schema. */
export function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else out[relative(folder, path)] = readFileSync(path, 'utf8')
    }
  }
  walk(folder)
  return out
}

export async function runInit(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
  try {
    const code = await initCommand(args, cwd)
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

/**
 * The database commands (sync, reconcile, export) run against the host's own Prisma client and
 * mapping, as better-auth's CLI reads the host's auth config: a module whose default export is the
 * options given to createReconciliation (or a function returning them), with an optional close().
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createReconciliationCore, type CoreRuntimeOptions, type ReconciliationCore } from '../core.js'
import { UsageError } from './usage-error.js'
import { environmentLanguage } from './cli-language.js'

export const CONFIG_FILES = ['qonto-reconcile.config.js', 'qonto-reconcile.config.mjs', 'qonto-reconcile.config.ts']

export { UsageError }

export type ConfigModule = CoreRuntimeOptions & { close?: () => Promise<void> }

export async function loadCore(configPath: string | undefined): Promise<{ core: ReconciliationCore; close(): Promise<void> }> {
  const path = configPath ?? process.env.QONTO_RECONCILE_CONFIG ?? CONFIG_FILES.find((file) => existsSync(file))
  if (!path) {
    throw new UsageError(
      `Configuration introuvable : créez ${CONFIG_FILES[0]} (export par défaut : les options de createReconciliation, avec votre client Prisma) ou passez --config FICHIER.`,
    )
  }
  const absolute = resolve(path)
  if (!existsSync(absolute)) throw new UsageError(`Fichier de configuration introuvable : ${path}`)
  let loaded: unknown
  try {
    loaded = (await import(pathToFileURL(absolute).href)).default
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_UNKNOWN_FILE_EXTENSION') {
      throw new UsageError(`${path} : Node ne lit pas ce format tel quel. Utilisez un fichier .js/.mjs, ou lancez la commande avec tsx (node --import tsx).`)
    }
    throw new UsageError(`Configuration ${path} illisible : ${(error as Error).message}`)
  }
  let options: ConfigModule | undefined
  try {
    options = (typeof loaded === 'function' ? await (loaded as () => Promise<ConfigModule>)() : loaded) as ConfigModule | undefined
  } catch (error) {
    throw new UsageError(`Configuration ${path} : échec à la préparation des options : ${(error as Error).message}`)
  }
  if (!options || typeof options !== 'object') throw new UsageError(`${path} doit exporter par défaut les options de qonto-reconcile (ou une fonction qui les renvoie).`)
  const { close, ...coreOptions } = options
  const core = createReconciliationCore(coreOptions)
  // No panel here: the CLI's texts follow the config's `language`, else the environment's locale (French by default).
  core.context.panelLanguage.current = environmentLanguage()
  return {
    core,
    async close() {
      await core.stop()
      if (close) await close()
      else await (coreOptions.prisma as { $disconnect?: () => Promise<void> }).$disconnect?.()
    },
  }
}

/** Runs a command body with the host's core, closing the connection whatever happens. */
export async function withCore(configPath: string | undefined, body: (core: ReconciliationCore) => Promise<number>): Promise<number> {
  const { core, close } = await loadCore(configPath)
  try {
    return await body(core)
  } finally {
    await close()
  }
}

import { Cron } from 'croner'
import type { Database } from '../db/database.js'
import type { Logger } from '../logger.js'
import { qontoSettingsFromEnv } from '../qonto/config.js'
import { QontoConfigError } from '../qonto/errors.js'
import { runConfiguredSync } from './qonto-sync.runner.js'
import { describeSync, SyncAlreadyRunningError } from './sync.service.js'

export interface Job {
  stop(): void
}

/**
 * Periodic Qonto sync every `minutes` (0 = off). croner's `protect` avoids overlaps in this process;
 * the database lock in syncTransactions avoids them across server processes.
 */
export function startPeriodicSync(db: Database, logger: Logger, minutes: number, env: NodeJS.ProcessEnv = process.env): Job | null {
  if (minutes <= 0) return null
  try {
    qontoSettingsFromEnv(env)
  } catch (error) {
    if (error instanceof QontoConfigError) {
      logger.warn({ reason: error.message }, 'periodic Qonto sync disabled')
      return null
    }
    throw error
  }
  const job = new Cron('* * * * * *', { interval: minutes * 60, protect: true, unref: true }, async () => {
    try {
      const summary = await runConfiguredSync(db, {}, env, logger)
      logger.info({ summary: describeSync(summary), pages: summary.pages }, 'periodic Qonto sync done')
    } catch (error) {
      if (error instanceof SyncAlreadyRunningError) logger.info('periodic Qonto sync skipped: another one is running')
      else logger.error({ err: error }, 'periodic Qonto sync failed')
    }
  })
  logger.info({ minutes }, 'periodic Qonto sync scheduled')
  return { stop: () => job.stop() }
}

/** Runs `task` now, then every `seconds` (no overlap); logs what it did when it did something. */
export function startRecurring(label: string, task: () => Promise<Record<string, number>>, logger: Logger, seconds = 30): Job {
  const run = async () => {
    try {
      const outcome = await task()
      if (Object.values(outcome).some((n) => n > 0)) logger.info(outcome, label)
    } catch (error) {
      logger.error({ err: error }, `${label}: failed`)
    }
  }
  void run()
  const job = new Cron('* * * * * *', { interval: seconds, protect: true, unref: true }, run)
  return { stop: () => job.stop() }
}

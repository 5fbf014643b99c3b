/**
 * When the periodic sync runs next, for the feed's health: whoever schedules it (the runtime)
 * registers it here, per context.
 */
import type { ReconciliationContext } from '../context.js'

export interface ScheduledSync {
  nextRun(): Date | null
}

const schedules = new WeakMap<ReconciliationContext, ScheduledSync>()

export function registerSyncSchedule(ctx: ReconciliationContext, schedule: ScheduledSync | null): void {
  if (schedule) schedules.set(ctx, schedule)
  else schedules.delete(ctx)
}

/** Next run of this process's periodic sync, or null when none is scheduled (start() not called, or interval 0). */
export function nextScheduledSync(ctx: ReconciliationContext): Date | null {
  return schedules.get(ctx)?.nextRun() ?? null
}

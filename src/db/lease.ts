/**
 * Leases for background work shared by several server processes on one database: a row says who
 * holds a piece of work until when, on the database clock. Whoever holds one renews it while working
 * (`heartbeat`), so a crashed process frees its work within one lease of silence, and a slow but
 * alive one keeps it however long it takes.
 */
import { randomUUID } from 'node:crypto'
import type { Db, Tx } from '../context.js'

/** This process, as a lease holder. */
export const PROCESS_ID = `${process.pid}:${randomUUID()}`

/** How long a lease lasts without renewal, and how often it is renewed: a third of it, so two missed beats still hold. */
export const LEASE_SECONDS = 45
export const HEARTBEAT_MS = (LEASE_SECONDS * 1000) / 3

export interface Heartbeat {
  stop(): void
}

/** Runs `renew` every `everyMs` until stopped; a failed renewal is reported and retried at the next beat. */
export function heartbeat(renew: () => Promise<unknown>, onError: (error: unknown) => void, everyMs = HEARTBEAT_MS): Heartbeat {
  const timer = setInterval(() => void renew().catch(onError), everyMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}

/** Takes the named lease if it is free or expired (or already ours); false when another process holds it. */
export async function acquireLease(db: Db, name: string, seconds = LEASE_SECONDS, holder = PROCESS_ID): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<unknown[]>(
    `INSERT INTO "qonto_leases" AS l ("id", "holder", "lockedUntil")
     VALUES ($1, $2, CURRENT_TIMESTAMP + make_interval(secs => $3))
     ON CONFLICT ("id") DO UPDATE SET "holder" = EXCLUDED."holder", "lockedUntil" = EXCLUDED."lockedUntil"
     WHERE l."lockedUntil" < CURRENT_TIMESTAMP OR l."holder" = EXCLUDED."holder"
     RETURNING l."id"`,
    name,
    holder,
    seconds,
  )
  return rows.length === 1
}

/** Extends a lease we hold; false when it was lost (expired and taken by another process). */
export async function renewLease(db: Db, name: string, seconds = LEASE_SECONDS, holder = PROCESS_ID): Promise<boolean> {
  const renewed = await db.$executeRawUnsafe(
    `UPDATE "qonto_leases" SET "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => $3) WHERE "id" = $1 AND "holder" = $2`,
    name,
    holder,
    seconds,
  )
  return renewed === 1
}

/**
 * Takes over the named work a dead holder left (its lease expired without renewal); false when there is
 * none, or its holder is alive. Work that must survive a crash is a lease row written with what made it
 * due (same transaction) and deleted once done.
 */
export async function takeOverExpiredLease(db: Db, name: string, seconds = LEASE_SECONDS, holder = PROCESS_ID): Promise<boolean> {
  const taken = await db.$executeRawUnsafe(
    `UPDATE "qonto_leases" SET "holder" = $2, "lockedUntil" = CURRENT_TIMESTAMP + make_interval(secs => $3) WHERE "id" = $1 AND "lockedUntil" < CURRENT_TIMESTAMP`,
    name,
    holder,
    seconds,
  )
  return taken === 1
}

/** Makes the named work due and held by this process, in the caller's transaction, whoever held it before. */
export async function holdLease(tx: Tx, name: string, seconds = LEASE_SECONDS, holder = PROCESS_ID): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "qonto_leases" ("id", "holder", "lockedUntil") VALUES ($1, $2, CURRENT_TIMESTAMP + make_interval(secs => $3))
     ON CONFLICT ("id") DO UPDATE SET "holder" = EXCLUDED."holder", "lockedUntil" = EXCLUDED."lockedUntil"`,
    name,
    holder,
    seconds,
  )
}

export async function releaseLease(db: Db, name: string, holder = PROCESS_ID): Promise<void> {
  await db.$executeRawUnsafe(`DELETE FROM "qonto_leases" WHERE "id" = $1 AND "holder" = $2`, name, holder)
}

/**
 * Runs `work` while holding the named lease (renewed by a heartbeat), then frees it. Returns
 * { ran: false } at once when another process holds it.
 */
export async function withLease<T>(
  db: Db,
  name: string,
  work: () => Promise<T>,
  onError: (error: unknown) => void,
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (!(await acquireLease(db, name))) return { ran: false }
  const beat = heartbeat(() => renewLease(db, name), onError)
  try {
    return { ran: true, value: await work() }
  } finally {
    beat.stop()
    await releaseLease(db, name).catch(onError)
  }
}

/**
 * The live precision of automatic matching, over the agency's own history: of the associations the
 * rule made automatically, how many a person later undid (Dissocier). A bank's refusal or reversal
 * is not counted: the match was not wrong, the money went away.
 */
import type { Db } from '../context.js'

export interface LivePrecision {
  /** Automatic associations recorded (audit log). */
  automatic: number
  /** Of those, the ones later undone by Dissocier. */
  undone: number
  /** Share kept, in tenths of a percent rounded down (null before any automatic match): 992 = 99,2 %. */
  keptPermille: number | null
}

export async function livePrecision(prisma: Db): Promise<LivePrecision> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ automatic: bigint | number; undone: bigint | number }>>(
    `SELECT count(*) AS automatic,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "qonto_audit_logs" d
              WHERE d.action = 'DISSOCIATION' AND d."transactionId" = a."transactionId" AND d.date >= a.date)) AS undone
     FROM "qonto_audit_logs" a WHERE a.action = 'ASSOCIATION' AND a.automatique`,
  )
  const automatic = Number(row?.automatic ?? 0)
  const undone = Number(row?.undone ?? 0)
  return { automatic, undone, keptPermille: automatic === 0 ? null : Math.floor(((automatic - undone) * 1000) / automatic) }
}

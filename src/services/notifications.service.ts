import type { Prisma } from '@prisma/client'

type Tx = Prisma.TransactionClient

export interface AdminNotification {
  type: string
  titre: string
  message: string
  lien?: string
  /** Idempotency key: the same key never notifies the same admin twice. */
  cle: string
}

/** Notifies every active admin, once per key (unique userId + cle). */
export async function notifyAdmins(tx: Tx, notifications: AdminNotification[]): Promise<number> {
  if (notifications.length === 0) return 0
  const admins = await tx.user.findMany({ where: { role: 'ADMIN', actif: true }, select: { id: true } })
  const { count } = await tx.notification.createMany({
    data: admins.flatMap((admin) => notifications.map((n) => ({ userId: admin.id, ...n }))),
    skipDuplicates: true,
  })
  return count
}

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

/** Notifies every active admin, once per key (unique userId + cle), in one statement. */
export async function notifyAdmins(tx: Tx, notifications: AdminNotification[]): Promise<number> {
  if (notifications.length === 0) return 0
  const column = (pick: (n: AdminNotification) => string | null) => notifications.map(pick)
  return tx.$executeRaw`
    INSERT INTO "notifications" ("id", "userId", "type", "titre", "message", "lien", "cle", "lu", "date")
    SELECT gen_random_uuid()::text, u."id", n.type, n.titre, n.message, n.lien, n.cle, false, CURRENT_TIMESTAMP
    FROM "users" u CROSS JOIN unnest(${column((n) => n.type)}::text[], ${column((n) => n.titre)}::text[],
      ${column((n) => n.message)}::text[], ${column((n) => n.lien ?? null)}::text[], ${column((n) => n.cle)}::text[])
      AS n(type, titre, message, lien, cle)
    WHERE u."role" = 'ADMIN' AND u."actif"
    ON CONFLICT ("userId", "cle") DO NOTHING`
}

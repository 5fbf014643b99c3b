import type { PrismaClient } from '@prisma/client'
import { UNUSABLE_HASH, verifyPassword } from '../passwords.js'
import type { PanelUser } from './access.js'

/**
 * AdminJS copies the signed-in user into an inline <script> on every page without escaping it: text
 * that could close that script (a "</script>" in a display name) never gets there.
 */
const inlineSafe = (text: string) => text.replace(/</g, '‹').replace(/>/g, '›')

/** AdminJS `authenticate`: active users only; the same work is done for unknown e-mails. */
export function createAuthenticate(prisma: PrismaClient) {
  return async (email: string, password: string): Promise<PanelUser | null> => {
    if (typeof email !== 'string' || typeof password !== 'string' || email.length > 320) return null
    const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } })
    const valid = await verifyPassword(password, user?.passwordHash ?? UNUSABLE_HASH)
    if (!user || !valid || !user.actif) return null
    // v: the account's version; any later change to the user ends this session (security.ts).
    return { id: user.id, email: inlineSafe(user.email), title: inlineSafe(user.nom), role: user.role, v: user.updatedAt.getTime() }
  }
}

import { parseArgs } from 'node:util'
import type { AppConfig } from '../config.js'
import { openConfiguredDatabase } from '../db/open.js'
import { migrate } from '../db/migrate.js'
import { autoReconcile } from '../services/auto-reconcile.service.js'

/** `qonto-reconcile reconcile --auto`: applies every unambiguous match; prints matched / left. */
export async function reconcileCommand(args: string[], config: AppConfig): Promise<number> {
  let auto = false
  try {
    auto = Boolean(parseArgs({ args, options: { auto: { type: 'boolean' } } }).values.auto)
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    return 2
  }
  if (!auto) {
    process.stderr.write('Usage : qonto-reconcile reconcile --auto (seuls les rapprochements sans ambiguïté sont appliqués)\n')
    return 2
  }
  const db = await openConfiguredDatabase(config)
  try {
    await migrate(db.sql)
    const report = await autoReconcile(db.prisma)
    process.stdout.write(`Rapprochement automatique : ${report.matched} rapprochée(s), ${report.left} à traiter (sur ${report.examined}).\n`)
    return 0
  } finally {
    await db.close()
  }
}

import { parseArgs } from 'node:util'
import { withCore } from './load-config.js'

/** `qonto-reconcile reconcile --auto [--config FILE]`: applies every unambiguous match; prints matched / left. */
export async function reconcileCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { auto: { type: 'boolean' }, config: { type: 'string' } } })
  if (!values.auto) {
    process.stderr.write('Usage : qonto-reconcile reconcile --auto (seuls les rapprochements sans ambiguïté sont appliqués)\n')
    return 2
  }
  return withCore(values.config, async (core) => {
    const report = await core.autoReconcile()
    process.stdout.write(`Rapprochement automatique : ${report.matched} rapprochée(s), ${report.left} à traiter (sur ${report.examined}).\n`)
    return 0
  })
}

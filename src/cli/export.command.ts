import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import type { AppConfig } from '../config.js'
import { openConfiguredDatabase } from '../db/open.js'
import { migrate } from '../db/migrate.js'
import { exportRequestSchema, writeExport } from '../services/export.service.js'

/** `qonto-reconcile export --format csv|fec --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]` */
export async function exportCommand(args: string[], config: AppConfig): Promise<number> {
  let values: { format?: string; from?: string; to?: string; out?: string }
  try {
    values = parseArgs({ args, options: { format: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } }).values
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    return 2
  }
  const request = exportRequestSchema.safeParse(values)
  if (!request.success) {
    const problems = request.error.issues.map((i) => `--${i.path.join('.')} : ${i.message}`)
    process.stderr.write(`Usage : qonto-reconcile export --format csv|fec --from AAAA-MM-JJ --to AAAA-MM-JJ [--out FICHIER]\n${problems.join('\n')}\n`)
    return 2
  }
  const db = await openConfiguredDatabase(config)
  try {
    await migrate(db.sql)
    const output = values.out ? createWriteStream(values.out) : process.stdout
    const count = await writeExport(db.prisma, request.data, output)
    if (values.out) {
      output.end()
      await finished(output)
      process.stderr.write(`${count} paiement(s) rapproché(s) exporté(s) dans ${values.out}\n`)
    }
    return 0
  } finally {
    await db.close()
  }
}

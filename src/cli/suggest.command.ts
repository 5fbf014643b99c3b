/**
 * `qonto-reconcile suggest --input FILE|-`: JSON in, JSON out, no database.
 *
 * Imports only domain code, node builtins and the validation library, so that it starts fast
 * (no AdminJS, no Prisma, no logger). Set QONTO_RECONCILE_STATS=1 to get the time of each phase and
 * the peak memory on standard error.
 */
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { suggestMatches } from '../domain/matching/index.js'
import { describeIssues, suggestInputSchema } from './suggest-input.js'

export class InputError extends Error {}

const USAGE = "Usage : qonto-reconcile suggest --input FICHIER (ou - pour l'entrée standard) [--pretty]\n"

/** Parses arguments, reads, validates, matches and prints; returns the exit code (2: bad usage or input). */
export async function suggestCommand(args: string[]): Promise<number> {
  let values: { input?: string; pretty?: boolean }
  try {
    values = parseArgs({ args, options: { input: { type: 'string', short: 'i' }, pretty: { type: 'boolean' } } }).values
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (!values.input) {
    process.stderr.write(USAGE)
    return 2
  }
  try {
    const output = await runSuggest(values.input, () => readAll(process.stdin), { pretty: values.pretty ?? process.stdout.isTTY === true })
    await writeOut(output)
    return 0
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`Entrée invalide :\n${error.message}\n`)
      return 2
    }
    throw error
  }
}

/** The whole command as a function of its input: the output text, or an InputError in French. */
export async function runSuggest(inputPath: string, readStdin: () => Promise<string>, { pretty = true }: { pretty?: boolean } = {}): Promise<string> {
  const stats = process.env.QONTO_RECONCILE_STATS ? new PhaseTimer() : null
  const text = inputPath === '-' ? await readStdin() : await readFile(inputPath, 'utf8').catch(() => {
    throw new InputError(`Impossible de lire le fichier ${inputPath}`)
  })
  stats?.lap('read')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new InputError(`JSON invalide : ${(error as Error).message}`)
  }
  stats?.lap('parse')
  const parsed = suggestInputSchema.safeParse(json)
  if (!parsed.success) throw new InputError(describeIssues(parsed.error).join('\n'))
  stats?.lap('validate')
  const { options, clients, invoices, history, transactions } = parsed.data
  const results = suggestMatches({ clients, invoices, history }, transactions, {
    maxSuggestions: options?.maxSuggestions ?? 5,
    ...(options?.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options?.invoicePrefixes ? { invoicePrefixes: options.invoicePrefixes } : {}),
  })
  stats?.lap('match')
  const output = `${pretty ? JSON.stringify({ results }, null, 2) : JSON.stringify({ results })}\n`
  stats?.lap('serialize')
  stats?.report()
  return output
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}

function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())))
}

class PhaseTimer {
  private last = performance.now()
  private readonly phases: string[] = []
  lap(name: string): void {
    const now = performance.now()
    this.phases.push(`${name} ${Math.round(now - this.last)} ms`)
    this.last = now
  }
  report(): void {
    const usage = process.resourceUsage()
    const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)
    process.stderr.write(`${this.phases.join(', ')}; process up ${Math.round(performance.now())} ms; CPU ${cpuMs} ms; max RSS ${Math.round(usage.maxRSS / 1024)} MiB\n`)
  }
}

// `node src/cli/suggest.command.ts …` (or its compiled .js) runs the command alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await suggestCommand(process.argv.slice(2))
}

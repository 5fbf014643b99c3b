import { readFile } from 'node:fs/promises'
import { suggestMatches } from '../domain/matching/index.js'
import { describeIssues, suggestInputSchema } from './suggest-input.js'

export class InputError extends Error {}

/** `qonto-reconcile suggest --input FILE|-`: JSON in, JSON out, no database. */
export async function runSuggest(inputPath: string, readStdin: () => Promise<string>): Promise<string> {
  const text = inputPath === '-' ? await readStdin() : await readFile(inputPath, 'utf8').catch(() => {
    throw new InputError(`Impossible de lire le fichier ${inputPath}`)
  })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new InputError(`JSON invalide : ${(error as Error).message}`)
  }
  const parsed = suggestInputSchema.safeParse(json)
  if (!parsed.success) throw new InputError(describeIssues(parsed.error).join('\n'))
  const { options, clients, invoices, history, transactions } = parsed.data
  const results = suggestMatches({ clients, invoices, history }, transactions, {
    maxSuggestions: options?.maxSuggestions ?? 5,
  })
  return `${JSON.stringify({ results }, null, 2)}\n`
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}

/** `qonto-reconcile suggest --input FILE|-` */
export async function suggestCommand(args: string[]): Promise<number> {
  const { parseArgs } = await import('node:util')
  let input: string | undefined
  try {
    input = parseArgs({ args, options: { input: { type: 'string', short: 'i' } } }).values.input
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    return 2
  }
  if (!input) {
    process.stderr.write("Usage : qonto-reconcile suggest --input FICHIER (ou - pour l'entrée standard)\n")
    return 2
  }
  try {
    process.stdout.write(await runSuggest(input, () => readAll(process.stdin)))
    return 0
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`Entrée invalide :\n${error.message}\n`)
      return 2
    }
    throw error
  }
}

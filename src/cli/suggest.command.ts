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
import { suggestEach, type HistoryEntry } from '../domain/matching/index.js'
import { declinesApplier, payerOf, type Decline, type PayerIdentity } from '../domain/matching/learning.js'
import { normalizeIban } from '../domain/iban.js'
import { payerKey } from '../domain/matching/text.js'
import { checkSuggestInput, describeIssues, type SuggestInput } from './suggest-input.js'
import type { Language } from '../domain/language.js'
import { environmentLanguage } from './cli-language.js'
import { cliTexts } from './cli-texts.js'

export class InputError extends Error {}


const LANGUAGES: readonly Language[] = ['fr', 'en']

/** Output is written in pieces of about this many characters (ResultsWriter). */
const PIECE_CHARS = 1 << 14

/** Suggestions asked of the matcher beyond maxSuggestions when declines may take some away (as the panel does). */
const DECLINE_SLACK = 5

/** Parses arguments, reads, validates, matches and prints; returns the exit code (2: bad usage or input). */
export async function suggestCommand(args: string[]): Promise<number> {
  const T = cliTexts(environmentLanguage()).commands
  const USAGE = T.suggestUsage
  let values: { input?: string; pretty?: boolean; config?: string; language?: string }
  try {
    values = parseArgs({ args, options: { input: { type: 'string', short: 'i' }, pretty: { type: 'boolean' }, config: { type: 'string' }, language: { type: 'string' } } }).values
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (!values.input) {
    process.stderr.write(USAGE)
    return 2
  }
  const language = values.language as Language | undefined
  if (language !== undefined && !LANGUAGES.includes(language)) {
    process.stderr.write(`${T.unknownLanguage(String(values.language))}\n${USAGE}`)
    return 2
  }
  try {
    const { config } = values
    await runSuggest(values.input, () => readAll(process.stdin), {
      pretty: values.pretty ?? process.stdout.isTTY === true,
      write: writeOut,
      ...(language ? { language } : {}),
      ...(config ? { standing: (transactions: SuggestInput['transactions']) => standingLearning(config, transactions) } : {}),
    })
    return 0
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${(language ? cliTexts(language).commands : T).invalidInput}\n${error.message}\n`)
      return 2
    }
    throw error
  }
}

export interface SuggestRun {
  pretty?: boolean
  /** Where the output goes, piece by piece (JSON text; all pieces together are one document). */
  write: (text: string) => Promise<void>
  /**
   * What the panel learned about these transactions' payers (`--config`: the host's database): the
   * standing declines, and the payer history (usual clients and shortfalls, aliases and reference
   * forms Maud's confirmations taught), added to the input's.
   */
  standing?: (transactions: SuggestInput['transactions']) => Promise<StandingLearning>
  /** The texts' language (`--language`), over the input's `options.language`; French by default. */
  language?: Language
}

export interface StandingLearning {
  declines: Decline[]
  history: HistoryEntry[]
}

/**
 * The whole command as a function of its input: the output is written as each payment is matched
 * (a result is never kept: 20,000 explained results and their JSON text would be held at once
 * otherwise), or an InputError in French is thrown before anything is written.
 */
export async function runSuggest(inputPath: string, readStdin: () => Promise<string>, { pretty = true, write, standing, language }: SuggestRun): Promise<void> {
  const stats = process.env.QONTO_RECONCILE_STATS ? new PhaseTimer() : null
  const { options, clients, invoices, history: givenHistory, transactions, declines: given } = await readInput(inputPath, readStdin, stats)
  const stored = await standing?.(transactions)
  const declines = [...declinesOfInput(given ?? [], transactions), ...(stored?.declines ?? [])]
  const history = stored ? [...(givenHistory ?? []), ...stored.history] : givenHistory
  const maxSuggestions = options?.maxSuggestions ?? 5
  const results = suggestEach({ clients, invoices, history }, transactions, {
    maxSuggestions: declines.length > 0 ? maxSuggestions + DECLINE_SLACK : maxSuggestions,
    ...(options?.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options?.invoicePrefixes ? { invoicePrefixes: options.invoicePrefixes } : {}),
    language: language ?? options?.language ?? 'fr',
  })
  // The panel's rule: declined suggestions are removed after ranking, the others keep their flags.
  const applyDeclines = declines.length > 0 ? declinesApplier(declines, maxSuggestions) : null
  const output = new ResultsWriter(write, pretty)
  let i = 0
  for (const result of results) {
    await output.add(applyDeclines ? applyDeclines(result, transactions[i]!) : result)
    i += 1
  }
  await output.end()
  stats?.lap('match and write')
  stats?.report()
}

/**
 * Writes `{ results: [...] }` exactly as JSON.stringify would (compact, or indented by 2), one
 * result at a time, in pieces of about 16 KB: text held longer survives the young generation's
 * collections and fills the old one with garbage (pieces of a megabyte took the long-texts batch's
 * peak memory from 209 to 300 MiB, for no gain in time).
 */
class ResultsWriter {
  private pending = ''
  private count = 0
  constructor(
    private readonly write: (text: string) => Promise<void>,
    private readonly pretty: boolean,
  ) {}

  async add(result: unknown): Promise<void> {
    const json = this.pretty ? `    ${JSON.stringify(result, null, 2).replace(/\n/g, '\n    ')}` : JSON.stringify(result)
    this.pending += this.count === 0 ? (this.pretty ? `{\n  "results": [\n${json}` : `{"results":[${json}`) : `${this.pretty ? ',\n' : ','}${json}`
    this.count += 1
    if (this.pending.length >= PIECE_CHARS) await this.flush()
  }

  async end(): Promise<void> {
    if (this.count === 0) this.pending = this.pretty ? '{\n  "results": []\n}\n' : '{"results":[]}\n'
    else this.pending += this.pretty ? '\n  ]\n}\n' : ']}\n'
    await this.flush()
  }

  private async flush(): Promise<void> {
    const text = this.pending
    this.pending = ''
    await this.write(text)
  }
}

type InputDecline = NonNullable<SuggestInput['declines']>[number]

/** The input's declines as the panel stores them: a PAYEUR decline needs a payer, given or of its transaction. */
function declinesOfInput(declines: InputDecline[], transactions: SuggestInput['transactions']): Decline[] {
  const byId = new Map(transactions.map((t) => [t.id, t]))
  return declines.map((decline, i) => {
    const named = decline.payerIban != null || decline.payerName != null
    const own = byId.get(decline.transactionId)
    const iban = normalizeIban(named ? decline.payerIban : own?.counterpartyIban)
    const key = payerKey(named ? decline.payerName : own?.counterpartyName)
    if (decline.scope === 'PAYEUR' && !iban && !key) {
      throw new InputError(`declines[${i}]: payeur inconnu (donnez payerIban ou payerName, ou la transaction ${decline.transactionId})`)
    }
    return { id: `input-${i}`, scope: decline.scope, transactionId: decline.transactionId, invoiceIds: decline.invoiceIds, references: [], payerIban: iban, payerKey: key, by: decline.by ?? '', at: decline.at ?? '' }
  })
}

/** The panel's learning about these payers, from the host's database (loaded only with --config: suggest otherwise needs no database). */
async function standingLearning(configPath: string, transactions: SuggestInput['transactions']): Promise<StandingLearning> {
  const [{ loadCore }, { loadDeclines }, { loadHistoryForPayers }] = await Promise.all([
    import('./load-config.js'),
    import('../reconcile/learning.service.js'),
    import('../reconcile/payer-history.service.js'),
  ])
  const { core, close } = await loadCore(configPath)
  try {
    const payers: PayerIdentity[] = transactions.map(payerOf)
    const [declines, histories] = await Promise.all([
      loadDeclines(core.context.prisma, payers),
      loadHistoryForPayers(core.context, transactions.map((t) => ({ name: t.counterpartyName ?? null, iban: t.counterpartyIban ?? null }))),
    ])
    // One entry per payer and client, however many transactions share the payer.
    const history = [...new Map(histories.flat().map((entry) => [JSON.stringify(entry), entry])).values()]
    return { declines, history }
  } finally {
    await close()
  }
}

/**
 * Reads, parses and validates the input. Its own function so that the text and the parsed JSON
 * (tens of MB for 20,000 payments) can be collected while the validated copy is matched.
 */
async function readInput(inputPath: string, readStdin: () => Promise<string>, stats: PhaseTimer | null): Promise<SuggestInput> {
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
  const parsed = checkSuggestInput(json)
  if (!parsed.success) throw new InputError(describeIssues(parsed.error).join('\n'))
  stats?.lap('validate')
  return parsed.data
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

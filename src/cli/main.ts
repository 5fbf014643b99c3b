/**
 * `qonto-reconcile <command>`: each command is loaded only when it runs (suggest loads no AdminJS,
 * no Prisma; init only reads schema files).
 */
import { UsageError } from './usage-error.js'
import { environmentLanguage } from './cli-language.js'
import { cliTexts } from './cli-texts.js'
import type { Language } from '../domain/language.js'
export { rerunCapped, SYNC_OLD_SPACE_MB } from './heap-cap.js'

type Command = (args: string[]) => Promise<number>

const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./init.command.js')).initCommand,
  remove: async () => (await import('./remove.command.js')).removeCommand,
  suggest: async () => (await import('./suggest.command.js')).suggestCommand,
  sync: async () => (await import('./sync.command.js')).syncCommand,
  reconcile: async () => (await import('./reconcile.command.js')).reconcileCommand,
  export: async () => (await import('./export.command.js')).exportCommand,
  etat: async () => (await import('./books.command.js')).statementCommand,
  cloturer: async () => (await import('./books.command.js')).closingCommand,
}

/** Exit codes: 0 ok, 1 failure, 2 bad usage or input. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const language = environmentLanguage()
  const T = cliTexts(language)
  const USAGE = T.usage
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE)
    return command === undefined ? 2 : 0
  }
  const load = COMMANDS[command]
  if (!load) {
    process.stderr.write(`${T.unknownCommand(command)}\n\n${USAGE}`)
    return 2
  }
  try {
    return await (await load())(rest)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${(error as Error).message}\n`)
      return 2
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${T.invalidOption(command, parseArgsProblem(error as Error & { code: string }, language))}\n`)
      return 2
    }
    if ((error as Error).name === 'ReconciliationConfigError') {
      process.stderr.write(`${(error as Error).message}\n`)
      return 2
    }
    process.stderr.write(`${T.error(error instanceof Error ? error.message : String(error))}\n`)
    if (process.env.DEBUG) console.error(error)
    return 1
  }
}

/** Node's parseArgs errors (in English) said in the CLI's language, naming the option or argument. */
export function parseArgsProblem(error: Error & { code: string }, language: Language = 'fr'): string {
  const named = /'([^']+)'/.exec(error.message)?.[1]?.replace(/ <value>$/, '') ?? '?'
  const T = cliTexts(language).parseArgs
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return T.unknownOption(named)
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return T.missingValue(named)
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return T.unexpectedArgument(named)
    default:
      return error.message
  }
}

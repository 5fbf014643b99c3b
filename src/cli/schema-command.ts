// What `init` and `remove` share: their options parsed strictly (usage error, exit 2) and their
// failures turned into exit codes (a schema problem: its message, exit 2; anything else: 1), in the
// environment's language (cli-language.ts, French by default).
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { SchemaError } from '../schema/host-schema.js'
import { environmentLanguage } from './cli-language.js'

type Options = NonNullable<ParseArgsConfig['options']>
type ParsedValues<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; strict: true; allowPositionals: false; options: O }>>['values']

/** The options' values, or null once the usage error is printed. */
export function parseCommandOptions<O extends Options>(args: string[], options: O, usage: string): ParsedValues<O> | null {
  try {
    return parseArgs({ args, strict: true, allowPositionals: false, options }).values
  } catch (error) {
    process.stderr.write(`${environmentLanguage() === 'fr' ? 'Arguments invalides :' : 'Invalid arguments:'} ${(error as Error).message}\n\n${usage}`)
    return null
  }
}

export function commandFailure(error: unknown, command: string): number {
  if (error instanceof SchemaError) {
    process.stderr.write(`${error.in(environmentLanguage())}\n`)
    return 2
  }
  const during = environmentLanguage() === 'fr' ? `Erreur inattendue pendant ${command} :` : `Unexpected error during ${command}:`
  process.stderr.write(`${during} ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
  return 1
}

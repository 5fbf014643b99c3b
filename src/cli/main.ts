/**
 * `qonto-reconcile <command>`: each command is loaded only when it runs (suggest loads no AdminJS,
 * no Prisma; init only reads schema files).
 */
import { UsageError } from './usage-error.js'
export { rerunCapped, SYNC_OLD_SPACE_MB } from './heap-cap.js'

const USAGE = `Usage : qonto-reconcile <commande> [options]

Commandes :
  init --invoice-model MODÈLE [--client-model MODÈLE] [--schema CHEMIN] [--add-relations]
                   écrit les modèles de l'extension dans le schéma Prisma de votre application
  remove [--schema CHEMIN] [--notification-model MODÈLE --notification-link CHAMP]
                   les retire du schéma et écrit le SQL qui supprime ses tables (après un export)
  sync [--since DATE-ISO]
                   importe les transactions Qonto (incrémental, reprend où il s'était arrêté)
  reconcile --auto applique les rapprochements sans ambiguïté aux paiements non rapprochés
  export --format csv|fec --from AAAA-MM-JJ --to AAAA-MM-JJ [--out FICHIER]
                   paiements rapprochés de la période (CSV pour tableur, ou FEC)
  etat --date AAAA-MM-JJ [--out FICHIER]
                   état de rapprochement bancaire à cette date (CSV)
  cloturer --jusqu-au AAAA-MM-JJ
                   clôture la période : plus aucune écriture datée de ces jours
  suggest --input FICHIER|- [--config FICHIER]
                   suggestions de rapprochement (JSON en entrée et en sortie, sans base ; avec --config,
                   les suggestions écartées dans le panneau ne sont pas proposées)

sync, reconcile, export, etat et cloturer lisent qonto-reconcile.config.js (ou --config FICHIER) : l'export par défaut
donne les options de createReconciliation (votre client Prisma, la correspondance de vos modèles, Qonto).
`

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
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE)
    return command === undefined ? 2 : 0
  }
  const load = COMMANDS[command]
  if (!load) {
    process.stderr.write(`Commande inconnue : ${command}\n\n${USAGE}`)
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
      process.stderr.write(`Option invalide pour ${command} : ${parseArgsProblem(error as Error & { code: string })}\nqonto-reconcile --help donne les options de chaque commande.\n`)
      return 2
    }
    if ((error as Error).name === 'ReconciliationConfigError') {
      process.stderr.write(`${(error as Error).message}\n`)
      return 2
    }
    process.stderr.write(`Erreur : ${error instanceof Error ? error.message : String(error)}\n`)
    if (process.env.DEBUG) console.error(error)
    return 1
  }
}

/** Node's parseArgs errors (in English) said in French, naming the option or argument. */
export function parseArgsProblem(error: Error & { code: string }): string {
  const named = /'([^']+)'/.exec(error.message)?.[1]?.replace(/ <value>$/, '')
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `option inconnue « ${named ?? '?'} »`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `valeur manquante pour « ${named ?? '?'} »`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argument inattendu « ${named ?? '?'} » (les valeurs se donnent après leur option, par exemple --date 2026-11-30)`
    default:
      return error.message
  }
}

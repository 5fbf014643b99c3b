/**
 * What the CLI itself prints (help, init's and remove's reports, its own refusals), in French and
 * English side by side; `cliTexts(language)` picks one: the environment's language for init, remove
 * and the help (cli-language.ts, French by default). Imports nothing heavy: init and remove load it.
 */
import type { Language } from '../domain/language.js'
import { dayIn, type IsoDay } from '../domain/dates.js'
import { both, pick, type Picked, s } from '../i18n/both.js'

const USAGE_FR = `Usage : qonto-reconcile <commande> [options]

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

const USAGE_EN = `Usage: qonto-reconcile <command> [options]

Commands:
  init --invoice-model MODEL [--client-model MODEL] [--schema PATH] [--add-relations]
                   writes the extension's models into your application's Prisma schema
  remove [--schema PATH] [--notification-model MODEL --notification-link FIELD]
                   takes them out of the schema and writes the SQL that drops its tables (after an export)
  sync [--since ISO-DATE]
                   imports the Qonto transactions (incremental, resumes where it stopped)
  reconcile --auto applies the unambiguous matches to the unmatched payments
  export --format csv|fec --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]
                   matched payments of the period (CSV for a spreadsheet, or FEC)
  etat --date YYYY-MM-DD [--out FILE]
                   bank reconciliation statement on that day (CSV)
  cloturer --jusqu-au YYYY-MM-DD
                   closes the period: no entry dated on these days any more
  suggest --input FILE|- [--config FILE]
                   matching suggestions (JSON in and out, no database; with --config,
                   the suggestions set aside in the panel are not offered)

sync, reconcile, export, etat and cloturer read qonto-reconcile.config.js (or --config FILE): its default export
gives the options of createReconciliation (your Prisma client, the mapping of your models, Qonto).
`

const INIT_USAGE_FR = `Usage : qonto-reconcile init --invoice-model MODÈLE [--schema CHEMIN] [--client-model MODÈLE]
                            [--add-relations] [--dry-run] [--migrations DOSSIER]

Ajoute les modèles de qonto-reconcile au schéma Prisma de votre application, avec des relations
typées sur l'identifiant de votre modèle de factures. Relancer init met le fragment à jour.

Options :
  --schema CHEMIN         fichier .prisma, ou dossier de schéma multi-fichiers (Prisma ≥ 6.7)
                          (par défaut : prisma/schema s'il existe, sinon prisma/schema.prisma)
  --invoice-model MODÈLE  votre modèle Prisma de factures (ex. Document, Invoice)
  --client-model MODÈLE   votre modèle Prisma de clients (ex. Marque), dont l'existence est vérifiée
  --add-relations         ajoute aussi les deux relations inverses dans le modèle de factures
                          (sinon init les affiche pour que vous les ajoutiez)
  --dry-run               affiche ce qui serait écrit, sans rien écrire
  --migrations DOSSIER    écrit aussi les contraintes que Prisma ne sait pas exprimer (CHECK, index
                          partiel) en migration prête dans ce dossier (ex. prisma/migrations), à
                          utiliser une fois la migration créant les tables faite ; sans cette option
                          le SQL est écrit dans qonto-reconcile.invariants.sql à côté du schéma
  -h, --help              affiche cette aide
`

const INIT_USAGE_EN = `Usage: qonto-reconcile init --invoice-model MODEL [--schema PATH] [--client-model MODEL]
                           [--add-relations] [--dry-run] [--migrations FOLDER]

Adds qonto-reconcile's models to your application's Prisma schema, with relations typed on the
id of your invoice model. Running init again updates the fragment.

Options:
  --schema PATH           .prisma file, or multi-file schema folder (Prisma ≥ 6.7)
                          (default: prisma/schema if it exists, else prisma/schema.prisma)
  --invoice-model MODEL   your Prisma invoice model (e.g. Document, Invoice)
  --client-model MODEL    your Prisma client model (e.g. Marque), checked to exist
  --add-relations         also adds the two back-relations in the invoice model
                          (otherwise init prints them for you to add)
  --dry-run               prints what would be written, writes nothing
  --migrations FOLDER     also writes the constraints Prisma cannot express (CHECK, partial
                          index) as a ready migration in that folder (e.g. prisma/migrations), to
                          use once the migration creating the tables is done; without this option
                          the SQL is written to qonto-reconcile.invariants.sql beside the schema
  -h, --help              prints this help
`

const removeUsage = both(
  (sqlFile: string) => `Usage : qonto-reconcile remove [--schema CHEMIN] [--notification-model MODÈLE --notification-link CHAMP]
                              [--root-path /admin] [--dry-run]

Retire qonto-reconcile du schéma Prisma (son fragment, et les deux relations inverses de votre modèle
de factures) et écrit le SQL qui supprime ses tables (${sqlFile}, à côté du schéma).
La base n'est pas touchée : exportez d'abord, puis appliquez ce SQL avec votre procédure.

Options :
  --schema CHEMIN             fichier .prisma ou dossier de schéma (par défaut : prisma/schema, sinon prisma/schema.prisma)
  --notification-model MODÈLE votre modèle de notifications, dont les liens vers les écrans de l'extension
  --notification-link CHAMP   (son champ lien, String?) seront effacés par le SQL
  --root-path CHEMIN          le rootPath AdminJS de ces liens (par défaut /admin)
  --dry-run                   affiche ce qui serait fait, sans rien écrire
`,
  (sqlFile: string) => `Usage: qonto-reconcile remove [--schema PATH] [--notification-model MODEL --notification-link FIELD]
                             [--root-path /admin] [--dry-run]

Takes qonto-reconcile out of the Prisma schema (its fragment, and the two back-relations of your
invoice model) and writes the SQL that drops its tables (${sqlFile}, beside the schema).
The database is not touched: export first, then apply this SQL your usual way.

Options:
  --schema PATH               .prisma file or schema folder (default: prisma/schema, else prisma/schema.prisma)
  --notification-model MODEL  your notification model, whose links to the extension's screens
  --notification-link FIELD   (its link field, String?) the SQL clears
  --root-path PATH            the AdminJS rootPath of these links (default /admin)
  --dry-run                   prints what would be done, writes nothing
`,
)

/** The other commands' own lines (their usage before the config is read, their reports after). */
const COMMAND_TEXTS = {
  syncSince: both((given: string) => `--since attend une date ISO (ex. 2026-11-01), reçu « ${given} »`, (given: string) => `--since expects an ISO date (e.g. 2026-11-01), got “${given}”`),
  reconcileUsage: both(
    'Usage : qonto-reconcile reconcile --auto (seuls les rapprochements sans ambiguïté sont appliqués)',
    'Usage: qonto-reconcile reconcile --auto (only the unambiguous matches are applied)',
  ),
  reconciled: both(
    (matched: number, left: number, examined: number) => `Rapprochement automatique : ${matched} rapprochée(s), ${left} à traiter (sur ${examined}).`,
    (matched: number, left: number, examined: number) => `Automatic matching: ${matched} matched, ${left} to handle (of ${examined}).`,
  ),
  exportUsage: both(
    'Usage : qonto-reconcile export --format csv|fec --from AAAA-MM-JJ --to AAAA-MM-JJ [--out FICHIER]',
    'Usage: qonto-reconcile export --format csv|fec --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]',
  ),
  exported: both(
    (count: number, fec: boolean, file: string) => `${count} ${fec ? 'écriture(s)' : 'paiement(s) expliqué(s)'} exporté(s) dans ${file}`,
    (count: number, fec: boolean, file: string) => `${count} ${fec ? (count > 1 ? 'entries' : 'entry') : `explained payment${s(count)}`} exported to ${file}`,
  ),
  statementUsage: both('Usage : qonto-reconcile etat --date AAAA-MM-JJ [--out FICHIER]', 'Usage: qonto-reconcile etat --date YYYY-MM-DD [--out FILE]'),
  outFolderMissing: both(
    (folder: string) => `--out : le dossier ${folder} n’existe pas : rien n’a été calculé ni écrit.`,
    (folder: string) => `--out: the folder ${folder} does not exist: nothing was computed or written.`,
  ),
  statementWritten: both(
    (day: IsoDay, accounts: number, gaps: number, file: string) =>
      `État de rapprochement au ${dayIn('fr', day)} : ${accounts} compte(s)${gaps ? `, ${gaps} avec un écart à expliquer` : ', équilibré'} → ${file}`,
    (day: IsoDay, accounts: number, gaps: number, file: string) =>
      `Reconciliation statement on ${dayIn('en', day)}: ${accounts} account${s(accounts)}${gaps ? `, ${gaps} with a gap to explain` : ', balanced'} → ${file}`,
  ),
  closingUsage: both('Usage : qonto-reconcile cloturer --jusqu-au AAAA-MM-JJ', 'Usage: qonto-reconcile cloturer --jusqu-au YYYY-MM-DD'),
  suggestUsage: both(
    "Usage : qonto-reconcile suggest --input FICHIER (ou - pour l'entrée standard) [--pretty] [--config FICHIER] [--language fr|en]\n",
    'Usage: qonto-reconcile suggest --input FILE (or - for the standard input) [--pretty] [--config FILE] [--language fr|en]\n',
  ),
  unknownLanguage: both((given: string) => `Langue inconnue : « ${given} » (fr ou en)`, (given: string) => `Unknown language: “${given}” (fr or en)`),
  invalidInput: both('Entrée invalide :', 'Invalid input:'),
}

export const CLI_TEXTS = {
  commands: COMMAND_TEXTS,
  usage: both(USAGE_FR, USAGE_EN),
  unknownCommand: both((command: string) => `Commande inconnue : ${command}`, (command: string) => `Unknown command: ${command}`),
  invalidOption: both(
    (command: string, problem: string) => `Option invalide pour ${command} : ${problem}\nqonto-reconcile --help donne les options de chaque commande.`,
    (command: string, problem: string) => `Invalid option for ${command}: ${problem}\nqonto-reconcile --help gives each command's options.`,
  ),
  /** Node's parseArgs errors, naming the option or argument. */
  parseArgs: {
    unknownOption: both((name: string) => `option inconnue « ${name} »`, (name: string) => `unknown option “${name}”`),
    missingValue: both((name: string) => `valeur manquante pour « ${name} »`, (name: string) => `missing value for “${name}”`),
    unexpectedArgument: both(
      (name: string) => `argument inattendu « ${name} » (les valeurs se donnent après leur option, par exemple --date 2026-11-30)`,
      (name: string) => `unexpected argument “${name}” (values go after their option, for example --date 2026-11-30)`,
    ),
  },
  error: both((message: string) => `Erreur : ${message}`, (message: string) => `Error: ${message}`),
  dryRun: both("Essai (--dry-run) : rien n'a été écrit.", 'Trial run (--dry-run): nothing was written.'),
  nextSteps: both('Étapes suivantes :', 'Next steps:'),
  init: {
    usage: both(INIT_USAGE_FR, INIT_USAGE_EN),
    missingModel: both(
      'Indiquez votre modèle de factures avec --invoice-model (ex. --invoice-model Document).',
      'Give your invoice model with --invoice-model (e.g. --invoice-model Document).',
    ),
    fragmentWouldBe: both((file: string) => `Fragment qui serait écrit dans ${file} :`, (file: string) => `Fragment that would be written to ${file}:`),
    endOfFile: both((file: string) => `${file} (bloc « qonto-reconcile » en fin de fichier)`, (file: string) => `${file} (“qonto-reconcile” block at the end of the file)`),
    models: both(
      (models: string, dryRun: boolean, changed: boolean, where: string) =>
        `Modèles qonto-reconcile (${models}) : ${dryRun ? (changed ? 'serait écrit' : 'serait inchangé') : changed ? 'écrit' : 'déjà à jour'} dans ${where}.`,
      (models: string, dryRun: boolean, changed: boolean, where: string) =>
        `qonto-reconcile models (${models}): ${dryRun ? (changed ? 'would be written to' : 'would be unchanged in') : changed ? 'written to' : 'already up to date in'} ${where}.`,
    ),
    relationsTo: both((id: string) => `Relations vers ${id}.`, (id: string) => `Relations to ${id}.`),
    clientModel: both((model: string) => `Modèle de clients : ${model} (trouvé).`, (model: string) => `Client model: ${model} (found).`),
    backRelationsAdded: both(
      (dryRun: boolean, model: string, file: string) => `Relations inverses ${dryRun ? 'qui seraient ajoutées' : 'ajoutées'} au modèle ${model} (${file}) :`,
      (dryRun: boolean, model: string, file: string) => `Back-relations ${dryRun ? 'that would be added' : 'added'} to the model ${model} (${file}):`,
    ),
    backRelationsPresent: both((model: string) => `Relations inverses : déjà présentes dans le modèle ${model}.`, (model: string) => `Back-relations: already in the model ${model}.`),
    addLines: both((model: string, file: string) => `Ajoutez ces lignes dans le modèle ${model} (${file}) :`, (model: string, file: string) => `Add these lines to the model ${model} (${file}):`),
    orAddRelations: both("(ou relancez init avec --add-relations pour qu'il les ajoute lui-même).", '(or run init again with --add-relations to have it add them itself).'),
    rerun: both('Relancez sans --dry-run pour écrire le fragment.', 'Run it again without --dry-run to write the fragment.'),
    migrate: both('Migrez votre base avec votre procédure habituelle, par exemple :', 'Migrate your database your usual way, for example:'),
    orSql: both("ou, pour obtenir le SQL sans l'appliquer :", 'or, to get the SQL without applying it:'),
    schemaBefore: both('<schéma avant init>', '<schema before init>'),
    generate: both('Régénérez votre client Prisma (npx prisma generate) si votre procédure ne le fait pas.', 'Regenerate your Prisma client (npx prisma generate) if your procedure does not.'),
    invariants: both(
      'Ajoutez ce que Prisma ne sait pas exprimer (contraintes CHECK sur les montants, index partiel de la file), APRÈS la migration qui crée les tables :',
      "Add what Prisma cannot express (CHECK constraints on the amounts, the queue's partial index), AFTER the migration that creates the tables:",
    ),
    migrationReady: both(
      (file: string) => `migration prête : ${file} (appliquée par votre prochain « npx prisma migrate dev » ou « migrate deploy »)`,
      (file: string) => `migration ready: ${file} (applied by your next “npx prisma migrate dev” or “migrate deploy”)`,
    ),
    sqlWritten: both((file: string) => `SQL écrit dans ${file} ; avec Prisma Migrate :`, (file: string) => `SQL written to ${file}; with Prisma Migrate:`),
    copySql: both(
      (file: string) => `puis copiez ${file} dans le migration.sql créé, et npx prisma migrate dev`,
      (file: string) => `then copy ${file} into the migration.sql created, and npx prisma migrate dev`,
    ),
    orMigrations: both(
      '(ou relancez init avec --migrations prisma/migrations une fois les tables migrées : il écrit la migration).',
      '(or run init again with --migrations prisma/migrations once the tables are migrated: it writes the migration).',
    ),
  },
  remove: {
    usage: removeUsage,
    together: both('Indiquez --notification-model et --notification-link ensemble.', 'Give --notification-model and --notification-link together.'),
    fragmentDeleted: both(
      (file: string, dryRun: boolean) => `Fragment ${file} : ${dryRun ? 'serait supprimé' : 'supprimé'}.`,
      (file: string, dryRun: boolean) => `Fragment ${file}: ${dryRun ? 'would be deleted' : 'deleted'}.`,
    ),
    rewritten: both(
      (file: string, dryRun: boolean) => `${file} : le bloc ou les relations de qonto-reconcile ${dryRun ? 'seraient' : 'ont été'} retirés.`,
      (file: string, dryRun: boolean) => `${file}: qonto-reconcile's block or relations ${dryRun ? 'would be' : 'were'} taken out.`,
    ),
    sql: both(
      (tables: string, file: string | null) => `SQL de suppression des tables (${tables}) : ${file ?? 'non écrit'}.`,
      (tables: string, file: string | null) => `SQL dropping the tables (${tables}): ${file ?? 'not written'}.`,
    ),
    steps: both(
      (sqlFile: string) => [
        '  1. Exportez ce que le comptable doit garder : npx qonto-reconcile export --format fec --from … --to … (et csv).',
        '  2. Retirez de votre application createReconciliation, ses ressources, pages, routeurs et la traduction.',
        `  3. Appliquez ${sqlFile} (sauvegarde d'abord) : avec Prisma Migrate,`,
        '     npx prisma migrate dev --create-only --name remove_qonto_reconcile, copiez-y ce SQL, puis npx prisma migrate dev.',
        '  4. npx prisma generate, puis npm uninstall qonto-reconcile.',
      ],
      (sqlFile: string) => [
        '  1. Export what the accountant must keep: npx qonto-reconcile export --format fec --from … --to … (and csv).',
        '  2. Take createReconciliation, its resources, pages, routers and translation out of your application.',
        `  3. Apply ${sqlFile} (back up first): with Prisma Migrate,`,
        '     npx prisma migrate dev --create-only --name remove_qonto_reconcile, paste this SQL into it, then npx prisma migrate dev.',
        '  4. npx prisma generate, then npm uninstall qonto-reconcile.',
      ],
    ),
  },
}

export type CliTexts = Picked<typeof CLI_TEXTS>
const PICKED: Record<Language, CliTexts> = { fr: pick(CLI_TEXTS, 'fr'), en: pick(CLI_TEXTS, 'en') }

/** The CLI's texts in a language. */
export const cliTexts = (language: Language): CliTexts => PICKED[language]

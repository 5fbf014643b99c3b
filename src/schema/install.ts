// Writes qonto-reconcile's models into the host's Prisma schema: a fragment file in a schema
// folder, or a delimited block at the end of a single schema file. Re-running replaces what the
// previous run wrote; the back-relation fields are added to the invoice model at most once.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  backRelations,
  FRAGMENT_ENUMS,
  FRAGMENT_MODELS,
  renderFragment,
  type BackRelation,
} from './fragment.js'
import {
  BLOCK_END,
  BLOCK_START,
  findBlock,
  findModel,
  idFieldOf,
  isGeneratedFile,
  parseSchema,
  readHostSchema,
  SchemaError,
  type DmmfModel,
  type HostSchema,
  type IdField,
  type SchemaFile,
} from './host-schema.js'

export const FRAGMENT_FILE_NAME = 'qonto-reconcile.prisma'

/** The extension's queries are PostgreSQL's (jsonb_to_recordset, unnest, casts, xmax). */
const SUPPORTED_PROVIDERS = ['postgresql']

export interface InstallOptions {
  /** A .prisma file or a multi-file schema folder. */
  schemaPath: string
  invoiceModel: string
  /** The host's client model: only checked to exist. */
  clientModel?: string
  /** false: compute and validate only (dry run). */
  write: boolean
  /** true: insert the back-relation fields into the invoice model; false: only report them. */
  addBackRelations: boolean
}

export interface InstallResult {
  kind: 'file' | 'folder'
  /** Where the fragment is (the fragment file, or the single schema file holding the block). */
  fragmentPath: string
  fragment: string
  invoiceModel: string
  invoiceId: IdField
  clientModel?: string
  /** false when the fragment on disk is already the one init renders. */
  fragmentChanged: boolean
  /** Files whose content changes (written unless `write` is false). */
  changed: string[]
  /** Files actually written. */
  written: string[]
  /** The file declaring the invoice model. */
  invoiceModelPath: string
  /** Back-relation lines already in the invoice model before this run. */
  backRelationsPresent: string[]
  /** Back-relation lines inserted by this run (with addBackRelations). */
  backRelationsAdded: string[]
  /** Back-relation lines the host still has to add by hand. */
  backRelationsToAdd: string[]
  /** The final schema files (what was or would be written), back-relations included. */
  files: Array<{ path: string; text: string }>
}

interface ModelBlock {
  /** Offset of the line after `model X {`. */
  bodyStart: number
  /** Offset of the start of the line holding the closing brace. */
  closeLine: number
}

/** Finds `model Name { … }` in a file, skipping braces inside strings and comments. */
function findModelBlock(text: string, name: string): ModelBlock | null {
  const header = new RegExp(`^[^\\S\\n]*model\\s+${name}\\s*\\{`, 'm').exec(text)
  if (!header) return null
  let depth = 1
  let i = header.index + header[0].length
  const bodyStart = text.indexOf('\n', i) + 1
  while (i < text.length) {
    const c = text[i]
    if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i)
      i = eol === -1 ? text.length : eol
      continue
    }
    if (c === '"') {
      i++
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    } else if (c === '{') depth++
    else if (c === '}' && --depth === 0) {
      return { bodyStart, closeLine: text.lastIndexOf('\n', i) + 1 }
    }
    i++
  }
  return null
}

/** Inserts field lines into a model: before its block attributes (@@…), or before `}`. */
function insertFields(text: string, name: string, lines: string[]): string {
  const block = findModelBlock(text, name)
  if (!block || block.bodyStart === 0 || block.bodyStart > block.closeLine) {
    throw new SchemaError(
      `Impossible de repérer le bloc « model ${name} { … } » pour y ajouter les relations : ajoutez-les à la main.`,
      `Cannot find the “model ${name} { … }” block to add the relations to it: add them by hand.`,
    )
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const body = text.slice(block.bodyStart, block.closeLine)
  const bodyLines = body.split('\n')
  const firstField = bodyLines.find((l) => /^\s*\w/.test(l))
  const indent = firstField ? /^\s*/.exec(firstField)![0] : '  '
  let at = bodyLines.findIndex((l) => /^\s*@@/.test(l))
  if (at === -1) at = bodyLines.length - (body.endsWith('\n') ? 1 : 0)
  while (at > 0 && bodyLines[at - 1]!.trim() === '') at--
  let offset = block.bodyStart + bodyLines.slice(0, at).reduce((n, l) => n + l.length + 1, 0)
  if (offset > block.closeLine) offset = block.closeLine
  const inserted = lines.map((l) => `${indent}${l}${eol}`).join('')
  const needsBreak = offset > 0 && text[offset - 1] !== '\n'
  return text.slice(0, offset) + (needsBreak ? eol : '') + inserted + text.slice(offset)
}

function checkNoConflict(host: HostSchema, invoiceModel: string): void {
  const taken = [
    ...host.dmmf.datamodel.models.map((m) => m.name),
    ...host.dmmf.datamodel.enums.map((e) => e.name),
  ].filter((n) => (FRAGMENT_MODELS as readonly string[]).includes(n) || (FRAGMENT_ENUMS as readonly string[]).includes(n))
  if (taken.length > 0) {
    throw new SchemaError(
      `Le schéma de l'application définit déjà ${taken.map((n) => `« ${n} »`).join(', ')} hors du fragment généré par ` +
        'qonto-reconcile : supprimez ou renommez ces déclarations avant de lancer init.',
      `The application's schema already defines ${taken.map((n) => `“${n}”`).join(', ')} outside the fragment generated by ` +
        'qonto-reconcile: delete or rename these declarations before running init.',
    )
  }
  const invoice = findModel(host.dmmf, invoiceModel)
  for (const relation of backRelations()) {
    const clash = invoice.fields.find((f) => f.name === relation.field)
    if (clash) {
      throw new SchemaError(
        `Le modèle « ${invoiceModel} » a déjà un champ « ${relation.field} » (${clash.type}) : ` +
          `la relation inverse de qonto-reconcile porte ce nom. Renommez votre champ.`,
        `The model “${invoiceModel}” already has a field “${relation.field}” (${clash.type}): ` +
          `qonto-reconcile's back-relation has this name. Rename your field.`,
      )
    }
  }
}

/**
 * The extension reconciles a payment with one client's invoices: an invoice model must belong to a
 * client through a foreign key (the mapping's `invoices.fields.client`). Refused with why otherwise.
 */
function checkInvoiceHasClient(invoice: DmmfModel, clientModel: string | undefined): void {
  const toOne = invoice.fields.filter((f) => f.kind === 'object' && !f.isList && (f.relationFromFields?.length ?? 0) === 1)
  const toClient = clientModel ? toOne.filter((f) => f.type === clientModel) : toOne
  if (toClient.length > 0) return
  const target = clientModel ? `« ${clientModel} »` : 'un modèle de clients'
  throw new SchemaError(
    `Le modèle « ${invoice.name} » n'a pas de relation vers ${target} : qonto-reconcile rapproche un paiement des factures ` +
      `d'un client et lit le client de chaque facture par sa clé étrangère (invoices.fields.client). Ajoutez par exemple ` +
      `« clientId Int » et « client ${clientModel ?? 'Client'} @relation(fields: [clientId], references: [id]) » à « ${invoice.name} », puis relancez init.`,
    `The model “${invoice.name}” has no relation to ${target}: qonto-reconcile matches a payment to a client's invoices ` +
      `and reads each invoice's client through its foreign key (invoices.fields.client). Add for example ` +
      `“clientId Int” and “client ${clientModel ?? 'Client'} @relation(fields: [clientId], references: [id])” to “${invoice.name}”, then run init again.`,
  )
}

/** The fragment as a delimited block of a single-file schema. */
function wrapBlock(fragment: string): string {
  return `${BLOCK_START}\n${fragment}${BLOCK_END}\n`
}

export function installFragment(options: InstallOptions): InstallResult {
  const host = readHostSchema(options.schemaPath)
  const invoice = findModel(host.dmmf, options.invoiceModel)
  if (options.clientModel) findModel(host.dmmf, options.clientModel)
  if (!SUPPORTED_PROVIDERS.includes(host.datasource.provider)) {
    throw new SchemaError(
      `Fournisseur de base « ${host.datasource.provider} » non pris en charge par qonto-reconcile ` +
        `(pris en charge : ${SUPPORTED_PROVIDERS.join(', ')}).`,
      `Database provider “${host.datasource.provider}” not supported by qonto-reconcile (supported: ${SUPPORTED_PROVIDERS.join(', ')}).`,
    )
  }
  checkNoConflict(host, options.invoiceModel)
  const invoiceId = idFieldOf(invoice, host.datasource.name)
  checkInvoiceHasClient(invoice, options.clientModel)
  const fragment = renderFragment({
    invoiceModel: invoice.name,
    invoiceIdField: invoiceId.name,
    invoiceIdType: invoiceId.type,
    invoiceIdNativeType: invoiceId.nativeType,
    datasourceName: host.datasource.name,
  })

  // The final set of files, starting from what is on disk.
  const final = new Map<string, string>(host.files.map((f) => [f.path, f.text]))
  let fragmentPath: string
  let previousFragment: string | undefined
  if (host.kind === 'folder') {
    if (host.generatedFiles.length > 1) {
      throw new SchemaError(
        `Plusieurs fichiers générés par qonto-reconcile dans le schéma : ${host.generatedFiles.join(', ')}. Gardez-en un seul.`,
        `Several files generated by qonto-reconcile in the schema: ${host.generatedFiles.join(', ')}. Keep only one.`,
      )
    }
    fragmentPath = host.generatedFiles[0] ?? join(host.root, FRAGMENT_FILE_NAME)
    if (!host.generatedFiles[0] && existsSync(fragmentPath) && !isGeneratedFile(final.get(fragmentPath) ?? '')) {
      throw new SchemaError(`${fragmentPath} existe déjà et n'a pas été écrit par qonto-reconcile : renommez-le.`, `${fragmentPath} already exists and was not written by qonto-reconcile: rename it.`)
    }
    previousFragment = final.get(fragmentPath)
    final.set(fragmentPath, fragment)
  } else {
    fragmentPath = host.root
    const text = final.get(fragmentPath)!
    const blockText = wrapBlock(fragment)
    const block = findBlock(text)
    if (block) previousFragment = text.slice(block.start, block.end)
    final.set(
      fragmentPath,
      block
        ? text.slice(0, block.start) + blockText + text.slice(block.end)
        : `${text.trimEnd()}\n\n${blockText}`,
    )
  }

  // Back-relations: those already in the invoice model are kept, the others added or reported.
  const invoiceFile = host.files.find((f) => findModelBlock(f.text, invoice.name) !== null)
  if (!invoiceFile) {
    throw new SchemaError(`Déclaration « model ${invoice.name} { » introuvable dans les fichiers du schéma.`, `Declaration “model ${invoice.name} {” not found in the schema's files.`)
  }
  const block = findModelBlock(invoiceFile.text, invoice.name)!
  const invoiceBody = invoiceFile.text.slice(block.bodyStart, block.closeLine)
  const present: BackRelation[] = []
  const missing: BackRelation[] = []
  for (const relation of backRelations()) {
    ;(invoiceBody.includes(`"${relation.relation}"`) ? present : missing).push(relation)
  }
  const withRelations = new Map(final)
  if (missing.length > 0) {
    const current = final.get(invoiceFile.path)!
    withRelations.set(invoiceFile.path, insertFields(current, invoice.name, missing.map((r) => r.line)))
  }

  // Validate the schema as it will be once the back-relations are in (Prisma needs both sides).
  const toValidate: SchemaFile[] = [...withRelations].map(([path, text]) => ({
    path,
    text,
    name: host.files.find((f) => f.path === path)?.name ?? FRAGMENT_FILE_NAME,
  }))
  parseSchema(toValidate, { fr: "Avec les modèles de qonto-reconcile, le schéma (rien n'a été écrit)", en: "With qonto-reconcile's models, the schema (nothing was written)" })

  const target = options.addBackRelations ? withRelations : final
  const changed = [...target].filter(([path, text]) => host.files.find((f) => f.path === path)?.text !== text).map(([p]) => p)
  const written: string[] = []
  if (options.write) {
    for (const path of changed) {
      writeFileSync(path, target.get(path)!)
      written.push(path)
    }
  }
  const missingLines = missing.map((r) => r.line)
  const expected = host.kind === 'folder' ? fragment : wrapBlock(fragment)
  return {
    kind: host.kind,
    fragmentPath,
    fragment,
    fragmentChanged: previousFragment !== expected,
    invoiceModel: invoice.name,
    invoiceId,
    clientModel: options.clientModel,
    changed,
    written,
    invoiceModelPath: invoiceFile.path,
    backRelationsPresent: present.map((r) => r.line),
    backRelationsAdded: options.addBackRelations ? missingLines : [],
    backRelationsToAdd: options.addBackRelations ? [] : missingLines,
    files: [...target].map(([path, text]) => ({ path, text })),
  }
}

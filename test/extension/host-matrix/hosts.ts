/**
 * The generated hosts of the matrix: each one a back-office of its own shape (ids, money, statuses,
 * dates, schema layout, language, body parsers, Express version), written as a Prisma schema plus the
 * host.json that test/fixtures/host-matrix/server.mjs reads. Pairwise rather than every combination:
 * each value of each dimension appears in at least one host, and the riskiest pairs are together.
 */
export type IdKind = 'Int' | 'BigInt' | 'String' | 'Uuid'
export type MoneyKind = 'Decimal' | 'Float' | 'IntCents'
export type DateKind = 'Date' | 'Timestamptz'

export interface HostVariant {
  name: string
  id: IdKind
  money: MoneyKind
  status: 'enum' | 'String'
  partlyPaid: boolean
  paidAmount: boolean
  dates: DateKind
  schema: 'single' | 'multi'
  language: 'fr' | 'en'
  /**
   * The host's global body parsers: express.json(), express.urlencoded() or both mounted before the
   * admin router, or express.json() after it as the README says.
   */
  parsers: 'json-before' | 'urlencoded-before' | 'json-and-urlencoded-before' | 'after'
  express: 4 | 5
}

export const HOST_VARIANTS: HostVariant[] = [
  { name: 'int-decimal-enum', id: 'Int', money: 'Decimal', status: 'enum', partlyPaid: true, paidAmount: true, dates: 'Date', schema: 'single', language: 'fr', parsers: 'json-before', express: 5 },
  { name: 'bigint-float-string', id: 'BigInt', money: 'Float', status: 'String', partlyPaid: false, paidAmount: false, dates: 'Timestamptz', schema: 'multi', language: 'en', parsers: 'after', express: 4 },
  { name: 'cuid-cents-string', id: 'String', money: 'IntCents', status: 'String', partlyPaid: true, paidAmount: false, dates: 'Timestamptz', schema: 'single', language: 'en', parsers: 'json-and-urlencoded-before', express: 4 },
  { name: 'uuid-decimal-enum', id: 'Uuid', money: 'Decimal', status: 'enum', partlyPaid: false, paidAmount: true, dates: 'Date', schema: 'multi', language: 'fr', parsers: 'urlencoded-before', express: 5 },
]

const ID: Record<IdKind, { id: string; fk: string }> = {
  Int: { id: 'Int @id @default(autoincrement())', fk: 'Int' },
  BigInt: { id: 'BigInt @id @default(autoincrement())', fk: 'BigInt' },
  String: { id: 'String @id @default(cuid())', fk: 'String' },
  Uuid: { id: 'String @id @default(uuid()) @db.Uuid', fk: 'String @db.Uuid' },
}
const MONEY: Record<MoneyKind, string> = { Decimal: 'Decimal @db.Decimal(12, 2)', Float: 'Float', IntCents: 'Int' }
const DATE: Record<DateKind, string> = { Date: '@db.Date', Timestamptz: '@db.Timestamptz(3)' }

export const HEADER = `generator client {
  provider   = "prisma-client-js"
  engineType = "client"
  output     = "../generated/client"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
`

/** The host's own models (before `qonto-reconcile init` adds the extension's). */
export function hostModels(variant: HostVariant): string {
  const { id, fk } = ID[variant.id]
  const date = DATE[variant.dates]
  const stateType = variant.status === 'enum' ? 'BillState' : 'String'
  const enumBlock =
    variant.status === 'enum'
      ? `enum BillState {\n  OPEN @map("open")\n${variant.partlyPaid ? '  PARTIAL\n' : ''}  PAID\n  VOID\n}\n\n`
      : ''
  return `${enumBlock}model Customer {
  id    ${id}
  name  String
  iban  String?
  email String?
  bills Bill[]
}

model Bill {
  id         ${id}
  number     String   @unique
  total      ${MONEY[variant.money]}
  state      ${stateType}
  customerId ${fk}
  customer   Customer @relation(fields: [customerId], references: [id])
  issuedOn   DateTime ${date}
  dueOn      DateTime? ${date}
  paidOn     DateTime? ${date}
${variant.paidAmount ? '  paidAmount Decimal? @db.Decimal(12, 2)\n' : ''}}

model Staff {
  id       ${id}
  email    String  @unique
  password String
  admin    Boolean @default(false)
  notes    Note[]
}

model Note {
  id        ${id}
  staffId   ${fk}
  staff     Staff    @relation(fields: [staffId], references: [id])
  title     String
  body      String
  link      String?
  read      Boolean  @default(false)
  createdAt DateTime @default(now())
}
`
}

/** The files of the schema: one file, or a folder (prisma/schema/*.prisma) as multi-file hosts have. */
export function schemaFiles(variant: HostVariant): { schemaPath: string; files: Record<string, string> } {
  if (variant.schema === 'single') {
    return { schemaPath: 'prisma/schema.prisma', files: { 'prisma/schema.prisma': `${HEADER}\n${hostModels(variant)}` } }
  }
  // In a folder, the generator's output is relative to the folder's parent schema file location too.
  return {
    schemaPath: 'prisma/schema',
    files: { 'prisma/schema/base.prisma': HEADER.replace('../generated/client', '../../generated/client'), 'prisma/schema/billing.prisma': hostModels(variant) },
  }
}

/** The global parsers a host mounts before its admin router. */
export function parsersBefore(variant: Pick<HostVariant, 'parsers'>): Array<'json' | 'urlencoded'> {
  return variant.parsers === 'after' ? [] : variant.parsers === 'json-before' ? ['json'] : variant.parsers === 'urlencoded-before' ? ['urlencoded'] : ['json', 'urlencoded']
}

export function statusValues(variant: HostVariant) {
  const [open, partial, paid, cancelled] = variant.status === 'enum' ? ['OPEN', 'PARTIAL', 'PAID', 'VOID'] : ['open', 'partial', 'paid', 'void']
  return { open: [open!], ...(variant.partlyPaid ? { partlyPaid: partial! } : {}), paid: paid!, cancelled: [cancelled!] }
}

/** The statement as a CSV file (kept apart from the rows: the panel bundles those, not the CSV writer). */
import { stringify } from 'csv-stringify/sync'
import { statementRows, type StatementView } from './statement.js'

/** UTF-8 with BOM, ";" separator, decimal comma: opens as it is in a French spreadsheet. */
export function statementCsv(statement: StatementView): string {
  return `\ufeff${stringify(statementRows(statement), { delimiter: ';', quoted_match: /[;"\n\r]/ })}`
}

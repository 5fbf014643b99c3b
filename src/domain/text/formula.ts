/**
 * Spreadsheet formula injection (CSV injection, OWASP): a cell that starts with =, +, -, @, a tab
 * or a carriage return is evaluated as a formula by Excel, LibreOffice and Google Sheets. Text we
 * did not write ourselves (payer names, references, invoice numbers, client names…) is prefixed
 * with a single quote, which spreadsheets show as text and do not evaluate. Numbers we format
 * ourselves (amounts, dates) must not go through this: "-1500,00" is a real negative amount.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r'])

export function neutralizeFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text
}

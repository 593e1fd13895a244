/**
 * Text for a CSV cell that a spreadsheet opens without running it. A cell starting with
 * = + - @ (or a tab or carriage return, which some spreadsheets skip before looking) is
 * read as a formula, so a customer named "=HYPERLINK(…)" or "@SUM(…)" would run on the
 * PC of whoever opens the file: such text gets a leading apostrophe, which makes it text.
 * A signed plain number ("-12.50", "+44 7700 900123") is left alone: it can only read as
 * the number it is, and an apostrophe would spoil it for programs.
 */
export function spreadsheetSafe(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (/^[+-][\d .]+$/.test(text)) return text;
  return `'${text}`;
}

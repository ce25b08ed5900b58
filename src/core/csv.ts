/**
 * One CSV field, quoted when it must be; formulas are defused so a spreadsheet never runs them.
 * @example csvField('=HYPERLINK("x")') === '"\'=HYPERLINK(""x"")"'
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\n\r]/u.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A whole CSV file as Excel opens it without an import dialog: a UTF-8 byte-order mark (without it
 * Excel reads Chinese as the system code page and shows mojibake), CRLF line ends, every cell
 * through {@link csvField}.
 * @example csvDocument([['名字', 'note'], ['小王', '=1+1']]) === '\uFEFF名字,note\r\n小王,"\'=1+1"\r\n'
 */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('')}`;
}

/** A column of an exported register: its Chinese header and how to read a row's cell. */
export interface Column<R> {
  header: string;
  value(row: R): string | number | boolean | null | undefined;
}

/**
 * RFC 4180 CSV with a UTF-8 byte-order mark (so that spreadsheet programs read the Chinese
 * correctly). A cell that starts like a formula (= + - @, tab, CR) is prefixed with `'`: an exported
 * register must not run code in the supervisor's spreadsheet (CSV injection).
 */
export function toCsv<R>(columns: Column<R>[], rows: R[]): string {
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map((c) => cell(c.header)).join(','), ...rows.map((row) => columns.map((c) => cell(c.value(row))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

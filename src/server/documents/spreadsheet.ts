// Spreadsheet safety: a cell that starts with = + - @ (or a tab/CR) would run as a formula in
// Excel or WPS; prefixing an apostrophe makes it plain text.
export function neutraliseCell(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

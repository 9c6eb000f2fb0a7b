// Builds a multipart/form-data body with one file field, the way a browser's file upload sends it.
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { TestClient, TestResponse } from './app.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function multipartFile(field: string, filename: string, contentType: string, content: Buffer): { payload: Buffer; contentType: string } {
  const boundary = `----zhiping${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function uploadFile(client: TestClient, url: string, file: Buffer, filename = 'orgs.xlsx', contentType = XLSX_TYPE): Promise<TestResponse> {
  const body = multipartFile('file', filename, contentType, file);
  return client.request('POST', url, { payload: body.payload, headers: { 'content-type': body.contentType } });
}

/** An .xlsx workbook with one sheet: a header row, then the given rows. */
export async function xlsxOf(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('组织机构');
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads the first sheet of an .xlsx body into rows of cell values (1-based columns dropped). */
export async function readXlsx(body: Buffer): Promise<{ workbook: ExcelJS.Workbook; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return { workbook, rows };
}

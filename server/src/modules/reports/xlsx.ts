/**
 * Report tables and their .xlsx export (exceljs): Chinese headers, money cells as numbers with the
 * `#,##0.00` format, percentages and statuses as text exactly as displayed.
 */
import ExcelJS from 'exceljs';

export type ColumnKind = 'money' | 'text' | 'int';

export interface ReportColumn {
  key: string;
  header: string;
  kind: ColumnKind;
  width?: number;
}

/** A cell: money as its exact decimal text ("4074000.00"), text as shown, int as a number; null = empty. */
export type ReportCell = string | number | null;

export interface ReportTable {
  /** Sheet name and first line (e.g. 各单位支出明细). */
  title: string;
  /** Line under the title (e.g. "当前部门: 街道办事处　单位: 元"). */
  subtitle?: string;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sheet names: ≤ 31 characters, none of []:*?/\. */
const sheetName = (s: string): string => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';

export async function tablesToXlsx(tables: readonly ReportTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  const used = new Set<string>();
  for (const t of tables) {
    let name = sheetName(t.title);
    for (let i = 2; used.has(name); i++) name = sheetName(`${t.title.slice(0, 27)} (${i})`);
    used.add(name);
    const ws = wb.addWorksheet(name);
    let r = 1;
    ws.getCell(r, 1).value = t.title;
    ws.getCell(r, 1).font = { bold: true, size: 14 };
    r++;
    if (t.subtitle) {
      ws.getCell(r, 1).value = t.subtitle;
      r++;
    }
    const headerRow = ws.getRow(r);
    t.columns.forEach((c, i) => {
      const cell = headerRow.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      ws.getColumn(i + 1).width = c.width ?? (c.kind === 'money' ? 18 : Math.max(10, Math.min(40, c.header.length * 2 + 2)));
    });
    r++;
    for (const row of t.rows) {
      const xr = ws.getRow(r);
      t.columns.forEach((c, i) => {
        const v = row[c.key];
        const cell = xr.getCell(i + 1);
        if (v === null || v === undefined) return;
        if (c.kind === 'money' && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) {
          cell.value = Number(v);
          cell.numFmt = '#,##0.00';
          cell.alignment = { horizontal: 'right' };
        } else if (c.kind === 'int' && typeof v === 'number') {
          cell.value = v;
        } else {
          cell.value = String(v);
          if (c.kind === 'money') cell.alignment = { horizontal: 'right' };
        }
      });
      r++;
    }
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** `Content-Disposition` for a download with a Chinese file name. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

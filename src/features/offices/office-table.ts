import type { OfficeMessages } from './texts/index.js';

/** The result list as a table: copied as tab-separated text, or printed from a window of its own. */

export interface TableRow {
  name: string;
  address: string;
  phone: string;
  hours: string;
  load: string;
}

const COLUMNS = ['name', 'address', 'phone', 'hours', 'load'] as const;

/** Tab-separated, one office a line, with a header line: pastes as a table into spreadsheets and editors. */
export function tableText(rows: readonly TableRow[], om: OfficeMessages): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  return [COLUMNS.map((c) => om.columns[c]), ...rows.map((r) => COLUMNS.map((c) => clean(r[c])))].map((cells) => cells.join('\t')).join('\n');
}

export async function copyTable(rows: readonly TableRow[], om: OfficeMessages): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(tableText(rows, om));
    return true;
  } catch {
    return false;
  }
}

/**
 * Prints the table from a new window built with DOM calls (no inline script or style, so a
 * strict CSP is fine); nothing of the host page is printed. Returns false when the window is blocked.
 */
export function printTable(rows: readonly TableRow[], om: OfficeMessages): boolean {
  const win = window.open('', '_blank', 'noopener=no');
  if (!win) return false;
  const doc = win.document;
  doc.title = om.tableCaption;
  doc.documentElement.lang = document.documentElement.lang || 'ru';
  const table = doc.createElement('table');
  table.border = '1';
  table.cellPadding = '4';
  const caption = doc.createElement('caption');
  caption.textContent = om.tableCaption;
  table.append(caption);
  const head = doc.createElement('tr');
  for (const c of COLUMNS) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = om.columns[c];
    head.append(th);
  }
  table.append(head);
  for (const row of rows) {
    const tr = doc.createElement('tr');
    for (const c of COLUMNS) {
      const td = doc.createElement('td');
      td.textContent = row[c];
      tr.append(td);
    }
    table.append(tr);
  }
  doc.body.replaceChildren(table);
  win.focus();
  win.print();
  return true;
}

/** Small DOM builders: text only (never HTML), since reasons and ids come from the wire. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`dashboard: no element #${id}`);
  return node as T;
}

export function setText(id: string, text: string): void {
  const node = byId(id);
  if (node.textContent !== text) node.textContent = text;
}

/** Cells are text, or a node; a column whose header starts with '#' is numeric. */
export type Cell = string | number | Node;

export function fillTable(id: string, headers: string[], rows: Cell[][], empty: string): void {
  const table = byId<HTMLTableElement>(id);
  const numeric = headers.map((h) => h.startsWith('#'));
  const head = document.createElement('tr');
  headers.forEach((h, i) => head.append(cell('th', h.replace(/^#/, ''), numeric[i] ?? false)));
  const body = rows.length
    ? rows.map((r) => {
        const tr = document.createElement('tr');
        r.forEach((c, i) => tr.append(cell('td', c, numeric[i] ?? false)));
        return tr;
      })
    : [row(empty, headers.length)];
  table.replaceChildren(head, ...body);
}

function cell(tag: 'th' | 'td', content: Cell, numeric: boolean): HTMLElement {
  const node = document.createElement(tag);
  if (numeric) node.className = 'num';
  if (content instanceof Node) node.append(content);
  else node.textContent = String(content);
  return node;
}

function row(text: string, span: number): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const td = document.createElement('td');
  td.colSpan = span;
  td.className = 'note';
  td.textContent = text;
  tr.append(td);
  return tr;
}

/** Labelled figures: [label, value] pairs. */
export function fillFigures(id: string, pairs: [string, string][]): void {
  byId(id).replaceChildren(
    ...pairs.map(([label, value]) => {
      const div = document.createElement('div');
      const span = document.createElement('span');
      span.textContent = label;
      const b = document.createElement('b');
      b.textContent = value;
      div.append(span, b);
      return div;
    }),
  );
}

export const share = (x: number) => `${(x * 100).toFixed(1)}%`;
export const money = (cents: number) =>
  (cents / 100).toLocaleString([], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const count = (n: number) => n.toLocaleString();

/** Simulated ms as "day d, hh:mm" (day 1 starts at time 0). */
export function simTime(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const day = Math.floor(minutes / 1440) + 1;
  const hh = String(Math.floor((minutes % 1440) / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `day ${day}, ${hh}:${mm}`;
}

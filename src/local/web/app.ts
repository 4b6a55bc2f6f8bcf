/**
 * The dev server's page: a Sheets-like frame around the emulated workbook. Everything from
 * the workbook is rendered as text (textContent), never as HTML.
 */
import { columnLetters } from '../emulator/spreadsheet/a1';
import { pageToken, TOKEN_HEADER } from './request-token';
import type { ChartView } from '../emulator/spreadsheet/chart-view';
import { renderCharts } from './charts';

interface CellView {
  text: string;
  formula?: string;
  bold?: boolean;
  note?: string;
  numeric?: boolean;
}

interface SheetView {
  name: string;
  frozenRows: number;
  columnWidths: Record<string, number>;
  lastRow: number;
  lastColumn: number;
  truncated: boolean;
  cells: CellView[][];
  /** The sheet's embedded charts, when the server sends them (chartViews). */
  charts?: ChartView[];
}

interface ExecutionView {
  functionName: string;
  ok: boolean;
  error?: { message: string };
  counts: {
    total: number;
    spreadsheetCalls: number;
    cellsRead: number;
    cellsWritten: number;
    modelledMs: number;
  };
}

interface Overview {
  version: number;
  now: string;
  workbook: { name: string; timeZone: string };
  sheets: string[];
  activeSheet?: string;
  menu: Array<{ label: string; functionName: string } | { separator: true }>;
  sidebarTitle: string | null;
  sidebarCount: number;
  alerts: Array<{ title?: string; prompt: string }>;
  triggers: Array<{
    uniqueId: string;
    handlerFunction: string;
    owner: string;
    nextRun?: string;
    lastRun?: string;
    schedule?: unknown;
  }>;
  outbox: Array<{ sentAt: string; to: string; subject: string; body: string }>;
  executions: ExecutionView[];
}

const root = document.getElementById('root') as HTMLElement;
let overview: Overview | undefined;
let currentSheet = '';
/** The sheet the workbook last said was active: when a script activates another, follow it. */
let lastActiveSheet = '';
let sidebarOpen = false;
let seenSidebars = 0;
let seenAlerts = 0;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) element.append(child);
  return element;
}

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { [TOKEN_HEADER]: pageToken() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** Column letters for a 0-based grid index (the page's cells count from 0). */
const columnLetter = (index: number): string => columnLetters(index + 1);

const layout = {
  menuBar: el('nav', { class: 'menubar', 'aria-label': 'Add-on menu' }),
  clock: el('div', { class: 'clock' }),
  grid: el('div', { class: 'grid', role: 'region', 'aria-label': 'Sheet' }),
  tabs: el('div', { class: 'tabs', role: 'tablist' }),
  sidebar: el('aside', { class: 'sidebar', hidden: '' }),
  panels: el('section', { class: 'panels' }),
  status: el('div', { class: 'status', role: 'status' }),
};

function renderMenu(): void {
  const menu = overview?.menu ?? [];
  const details = el('details', { class: 'addon-menu' });
  details.append(el('summary', {}, 'Extensions ▸ Kartoteka'));
  const list = el('ul', { role: 'menu' });
  for (const item of menu) {
    if ('separator' in item) {
      list.append(el('li', { role: 'separator' }));
      continue;
    }
    const button = el('button', { role: 'menuitem', type: 'button' }, item.label);
    button.addEventListener('click', () => {
      details.open = false;
      void runMenuItem(item.functionName, item.label);
    });
    list.append(el('li', {}, button));
  }
  if (menu.length === 0)
    list.append(el('li', { class: 'muted' }, 'No menu: onOpen has not built one.'));
  details.append(list);
  layout.menuBar.replaceChildren(
    el('strong', { class: 'title' }, overview?.workbook.name ?? 'Workbook'),
    details,
  );
}

function renderClock(): void {
  if (!overview) return;
  const input = el('input', { type: 'datetime-local', step: '60', 'aria-label': 'Simulated now' });
  input.value = overview.now.slice(0, 16);
  const set = el('button', { type: 'button' }, 'Set now');
  set.addEventListener('click', () => void setNow(new Date(`${input.value}:00Z`)));
  const nextDay = el('button', { type: 'button' }, '+1 day');
  nextDay.addEventListener(
    'click',
    () => void setNow(new Date(Date.parse(overview!.now) + 86_400_000)),
  );
  const runDue = el('button', { type: 'button' }, 'Run due triggers');
  runDue.addEventListener('click', () => void runDueTriggers());
  layout.clock.replaceChildren(
    el('span', {}, `Now (UTC): `),
    input,
    set,
    nextDay,
    runDue,
    el('span', { class: 'muted' }, ` ${overview.workbook.timeZone}`),
  );
}

function renderTabs(): void {
  layout.tabs.replaceChildren(
    ...(overview?.sheets ?? []).map((name) => {
      const tab = el(
        'button',
        { role: 'tab', type: 'button', 'aria-selected': String(name === currentSheet) },
        name,
      );
      tab.addEventListener('click', () => {
        currentSheet = name;
        void refresh();
      });
      return tab;
    }),
  );
}

function renderGrid(sheet: SheetView): void {
  const table = el('table', { class: 'sheet', 'data-sheet': sheet.name });
  const head = el('thead');
  const headRow = el('tr', {}, el('th', { class: 'corner' }));
  sheet.cells[0]?.forEach((_, c) => {
    const th = el('th', { scope: 'col' }, columnLetter(c));
    const width = sheet.columnWidths[String(c + 1)];
    if (width) th.style.width = `${width}px`;
    headRow.append(th);
  });
  head.append(headRow);
  const body = el('tbody');
  sheet.cells.forEach((row, r) => {
    const tr = el('tr', { 'data-row': String(r + 1) }, el('th', { scope: 'row' }, String(r + 1)));
    if (r < sheet.frozenRows) tr.classList.add('frozen');
    row.forEach((cell, c) => {
      const a1 = `${columnLetter(c)}${r + 1}`;
      const td = el('td', { 'data-a1': a1 }, cell.text);
      if (cell.bold) td.classList.add('bold');
      if (cell.numeric) td.classList.add('num');
      if (cell.note) td.title = cell.note;
      td.addEventListener('click', () => {
        layout.grid.querySelector('td.selected')?.classList.remove('selected');
        td.classList.add('selected');
        void api('POST', '/api/select', { sheet: sheet.name, a1 });
      });
      td.addEventListener('dblclick', () =>
        editCell(td, sheet.name, a1, cell.formula ?? cell.text),
      );
      tr.append(td);
    });
    body.append(tr);
  });
  table.append(head, body);
  const note = sheet.truncated
    ? el('p', { class: 'muted' }, `Showing the first ${sheet.cells.length} rows.`)
    : '';
  layout.grid.replaceChildren(table, note, renderCharts(sheet.charts));
  // Frozen rows stay visible while scrolling, as in Sheets.
  let top = (headRow as HTMLElement).getBoundingClientRect().height || 22;
  body.querySelectorAll<HTMLTableRowElement>('tr.frozen').forEach((tr) => {
    tr.querySelectorAll<HTMLElement>('td, th').forEach((cell) => (cell.style.top = `${top}px`));
    top += tr.getBoundingClientRect().height || 22;
  });
}

function editCell(td: HTMLTableCellElement, sheet: string, a1: string, current: string): void {
  const input = el('input', { type: 'text', 'aria-label': `Edit ${a1}` });
  input.value = current;
  td.replaceChildren(input);
  input.focus();
  let done = false;
  const finish = async (save: boolean) => {
    if (done) return;
    done = true;
    if (save) {
      const result = await api<{ ok: boolean; error?: { message: string } }>('POST', '/api/edit', {
        sheet,
        a1,
        text: input.value,
      });
      if (!result.ok) showStatus(`Edit refused: ${result.error?.message}`, true);
    }
    await refresh();
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') void finish(true);
    if (event.key === 'Escape') void finish(false);
  });
  input.addEventListener('blur', () => void finish(true));
}

function renderSidebar(): void {
  if (!overview) return;
  if (overview.sidebarCount > seenSidebars) {
    seenSidebars = overview.sidebarCount;
    sidebarOpen = true;
    const frame = el('iframe', {
      src: `/sidebar?n=${seenSidebars}`,
      title: overview.sidebarTitle ?? 'Sidebar',
      name: 'sidebar',
    });
    const close = el(
      'button',
      { type: 'button', class: 'close', 'aria-label': 'Close sidebar' },
      '×',
    );
    close.addEventListener('click', () => closeSidebar());
    layout.sidebar.replaceChildren(
      el('header', {}, el('span', {}, overview.sidebarTitle ?? ''), close),
      frame,
    );
  }
  layout.sidebar.hidden = !sidebarOpen;
}

function closeSidebar(): void {
  sidebarOpen = false;
  layout.sidebar.hidden = true;
}

function renderPanels(): void {
  if (!overview) return;
  const outbox = el(
    'details',
    { class: 'outbox', open: '' },
    el('summary', {}, `Outbox (${overview.outbox.length})`),
  );
  const mails = el('ol', { reversed: '' });
  for (const mail of [...overview.outbox].reverse().slice(0, 50)) {
    mails.append(
      el(
        'li',
        {},
        el('div', {}, el('strong', {}, mail.subject)),
        el('div', { class: 'muted' }, `to ${mail.to} · ${mail.sentAt}`),
        el('pre', {}, mail.body),
      ),
    );
  }
  outbox.append(overview.outbox.length ? mails : el('p', { class: 'muted' }, 'No email sent yet.'));

  const triggers = el(
    'details',
    { class: 'triggers', open: '' },
    el('summary', {}, `Triggers (${overview.triggers.length})`),
  );
  const list = el('ul');
  for (const trigger of overview.triggers) {
    const runNow = el('button', { type: 'button' }, 'Run now');
    runNow.addEventListener('click', () => void runTriggerNow(trigger.uniqueId));
    list.append(
      el(
        'li',
        {},
        el('code', {}, trigger.handlerFunction),
        ` · ${trigger.owner} · next ${trigger.nextRun ?? '—'} · last ${trigger.lastRun ?? 'never'} `,
        runNow,
      ),
    );
  }
  triggers.append(
    overview.triggers.length
      ? list
      : el('p', { class: 'muted' }, 'No time-driven trigger installed.'),
  );

  const log = el('details', { class: 'executions' }, el('summary', {}, 'Executions'));
  const runs = el('ol', { reversed: '' });
  for (const run of [...overview.executions].reverse().slice(0, 20)) {
    runs.append(
      el(
        'li',
        { class: run.ok ? '' : 'failed' },
        `${run.functionName}: ${run.ok ? 'ok' : `failed — ${run.error?.message}`} · ${run.counts.spreadsheetCalls} Spreadsheet calls, ${run.counts.cellsRead} cells read, ${run.counts.cellsWritten} written, ~${run.counts.modelledMs} ms modelled`,
      ),
    );
  }
  log.append(runs);
  layout.panels.replaceChildren(outbox, triggers, log);
}

function showStatus(message: string, isError = false): void {
  layout.status.textContent = message;
  layout.status.classList.toggle('error', isError);
}

function showNewAlerts(): void {
  if (!overview) return;
  for (const alert of overview.alerts.slice(seenAlerts)) {
    showStatus(`${alert.title ? `${alert.title}: ` : ''}${alert.prompt}`);
  }
  seenAlerts = overview.alerts.length;
}

async function refresh(): Promise<void> {
  overview = await api<Overview>('GET', '/api/state');
  if (overview.activeSheet && overview.activeSheet !== lastActiveSheet) {
    lastActiveSheet = overview.activeSheet;
    currentSheet = overview.activeSheet;
  }
  if (!currentSheet || !overview.sheets.includes(currentSheet))
    currentSheet = overview.activeSheet ?? overview.sheets[0] ?? '';
  const sheet = await api<SheetView>('GET', `/api/sheet?name=${encodeURIComponent(currentSheet)}`);
  renderMenu();
  renderClock();
  renderTabs();
  renderGrid(sheet);
  renderSidebar();
  renderPanels();
  showNewAlerts();
}

async function runMenuItem(functionName: string, label: string): Promise<void> {
  showStatus(`Running “${label}”…`);
  const result = await api<{ ok: boolean; error?: { message: string } }>('POST', '/api/run', {
    functionName,
    args: [],
    source: 'menu',
  });
  showStatus(
    result.ok ? `“${label}” finished.` : `“${label}” failed: ${result.error?.message}`,
    !result.ok,
  );
  await refresh();
}

async function setNow(now: Date): Promise<void> {
  if (Number.isNaN(now.getTime())) return;
  await api('POST', '/api/now', { now: now.toISOString() });
  await refresh();
}

async function runDueTriggers(): Promise<void> {
  const result = await api<{ runs: number }>('POST', '/api/triggers/run-due');
  showStatus(`${result.runs} trigger run(s).`);
  await refresh();
}

async function runTriggerNow(uniqueId: string): Promise<void> {
  await api('POST', '/api/triggers/run-now', { uniqueId });
  await refresh();
}

window.addEventListener('message', (event) => {
  const data = event.data as { kartoteka?: string } | undefined;
  if (data?.kartoteka === 'executed') void refresh();
  if (data?.kartoteka === 'close-sidebar') closeSidebar();
});

new EventSource('/api/events').addEventListener('reload', () => location.reload());

root.replaceChildren(
  el('header', { class: 'top' }, layout.menuBar, layout.clock),
  el(
    'main',
    { class: 'workspace' },
    el('div', { class: 'sheet-area' }, layout.grid, layout.tabs),
    layout.sidebar,
  ),
  layout.status,
  layout.panels,
);

void api<Overview>('POST', '/api/open').then(() => refresh());

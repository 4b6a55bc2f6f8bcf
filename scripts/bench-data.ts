/**
 * The benchmark's workbook: customers with a purchase history shaped like the CDNOW data
 * (about 2.8 purchases a customer, half of them one-time buyers), written straight into an
 * emulated workbook after "Set up tabs", as if a team had typed it over two years. Deals
 * and activities are in date order, so one customer's rows are scattered over the tab as
 * they are in a real sheet. Deterministic: the same size gives the same workbook.
 */
import { ENTITIES, recordTitle, type EntityName, type FieldSpec } from '../src/domain/schema.ts';
import { instantToSerial } from '../src/domain/serial-time.ts';
import type { CellState, SheetState } from '../src/local/emulator/state.ts';
import type { LocalRuntime } from '../src/local/runtime.ts';
import { schemaVersion } from '../src/server/sheet/setup-record.ts';
import { seededRandom as random } from '../src/local/demo-people.ts';

export const DEALS_PER_CUSTOMER = 2.8;

function uuid(next: () => number): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;
const START = Date.UTC(2024, 2, 1);
const SPAN_DAYS = 730;

const FIRST = ['Anna', 'Piotr', 'Maria', 'Jan', 'Ewa', 'Tomasz', 'Zofia', 'Marek', 'Ola', 'Adam'];
const LAST = ['Nowak', 'Kowalska', 'Wiśniewski', 'Wójcik', 'Kamińska', 'Lewandowski', 'Zając'];
const CITIES = ['Kraków', 'Warszawa', 'Gdańsk', 'Poznań', 'Wrocław', 'Łódź', 'Lublin'];
const TAGS = ['newsletter', 'vip', 'wholesale', 'b2b', ''];
const TEAM = ['ana@example.com', 'bartek@example.com', 'owner@example.com'];

export interface BenchWorkbook {
  customers: number;
  deals: number;
  contacts: number;
  activities: number;
  /** A customer to open and edit: three deals, a contact and some activity, mid-tab. */
  sample: { id: string; email: string; deals: number; contacts: number; activities: number };
  /** The id of an existing deal of the sample customer (a deal update). */
  sampleDealId: string;
  serviceId: string;
}

type Row = Record<string, string | number | boolean | null>;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function serial(ms: number): number {
  return Math.floor((ms - SERIAL_EPOCH) / DAY);
}

/**
 * Writes records into a tab by header, with each column's number format, as Sheets stores
 * them: stamps as date-times on the spreadsheet's wall clock, each reference with the
 * title of what it names beside it (as a save writes them).
 */
function writeRows(
  runtime: LocalRuntime,
  entity: EntityName,
  rows: Row[],
  titles: ReadonlyMap<string, string> = new Map(),
): void {
  const spec = ENTITIES[entity];
  const sheet = runtime.state.sheets.find((s) => s.name === spec.tab) as SheetState;
  const header = (sheet.rows[0] ?? []).map((cell) => cell?.v);
  const placed = spec.fields
    .map((field) => ({ field, column: header.indexOf(field.header) }))
    .filter((p): p is { field: FieldSpec; column: number } => p.column >= 0);
  sheet.maxRows = Math.max(sheet.maxRows, rows.length + 101);
  rows.forEach((row, i) => {
    const cells: Array<CellState | null> = new Array(header.length).fill(null);
    for (const { field, column } of placed) {
      let value = row[field.key];
      if (field.kind === 'refTitle') value = titles.get(String(row[field.titleOf ?? ''])) ?? null;
      if (field.kind === 'datetime' && typeof value === 'string') {
        value = instantToSerial(Date.parse(value), runtime.state.timeZone);
      }
      if (value === null || value === undefined || value === '') continue;
      cells[column] = { v: value, nf: field.numberFormat };
    }
    sheet.rows[i + 1] = cells;
  });
}

/** Fills a set-up workbook with `customers` customers and their history. */
export function fillWorkbook(runtime: LocalRuntime, customers: number): BenchWorkbook {
  const next = random(customers);
  const serviceIds = Array.from({ length: 20 }, () => uuid(next));
  const services: Row[] = serviceIds.map((id, i) => ({
    id,
    name: `Service ${i + 1}`,
    category: i % 2 ? 'training' : 'consulting',
    price: 100 + i * 25,
    currency: 'PLN',
    active: true,
  }));

  const customerRows: Row[] = [];
  const contacts: Row[] = [];
  const deals: Array<Row & { at: number }> = [];
  const activities: Array<Row & { at: number }> = [];
  for (let i = 0; i < customers; i++) {
    const id = uuid(next);
    const company = next() < 0.2;
    const created = START + Math.floor(next() * SPAN_DAYS * 0.6) * DAY;
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i + 1}`;
    customerRows.push({
      id,
      name: company ? `Firma ${i + 1}` : name,
      type: company ? 'company' : 'person',
      company: company ? `Firma ${i + 1} sp. z o.o.` : '',
      email: `customer${i + 1}@example.com`,
      phone: `+4860${String(1_000_000 + i).slice(-7)}`,
      city: CITIES[i % CITIES.length],
      tags: TAGS[i % TAGS.length],
      owner: TEAM[i % TEAM.length],
      // What the daily lifecycle run leaves on each row (the card shows it).
      lifecycle: i % 7 === 0 ? 'returning' : 'one-time',
      created: iso(created),
      createdBy: TEAM[i % TEAM.length],
      updated: iso(created + DAY),
      updatedBy: TEAM[i % TEAM.length],
      archived: i % 20 === 19,
    });
    if (company) {
      for (let c = 0; c < 1 + (i % 2); c++) {
        contacts.push({
          id: uuid(next),
          customerId: id,
          name: `${FIRST[(i + c) % FIRST.length]} Kontakt`,
          email: `contact${i + 1}-${c}@example.com`,
          created: iso(created),
          updated: iso(created),
          archived: false,
        });
      }
    }
    // Purchases per customer: 1 + a geometric-like tail, mean ~2.8 (CDNOW-like).
    const count = 1 + Math.floor(-Math.log(1 - next()) * 2.3);
    for (let d = 0; d < count; d++) {
      const at = created + Math.floor(next() * (START + SPAN_DAYS * DAY - created));
      const dealId = uuid(next);
      deals.push({
        at,
        id: dealId,
        customerId: id,
        title: `Order ${deals.length + 1}`,
        serviceId: serviceIds[(i + d) % serviceIds.length],
        stage: 'won',
        amount: 50 + Math.floor(next() * 500),
        currency: 'PLN',
        closedDate: serial(at),
        created: iso(at),
        updated: iso(at),
        archived: false,
      });
      if (d % 3 === 0) {
        activities.push({
          at: at + DAY,
          id: uuid(next),
          customerId: id,
          dealId,
          type: 'call',
          date: serial(at + DAY),
          summary: 'Asked how the order went',
          created: iso(at + DAY),
          updated: iso(at + DAY),
          archived: false,
        });
      }
    }
  }
  // Exactly 2.8 per customer, like the figures quoted for the CDNOW data.
  const wanted = Math.round(customers * DEALS_PER_CUSTOMER);
  while (deals.length > wanted) deals.pop();
  deals.sort((a, b) => a.at - b.at);
  activities.sort((a, b) => a.at - b.at);

  const titles = new Map<string, string>();
  const titled = (entity: EntityName, rows: Row[]) => {
    for (const row of rows) titles.set(String(row.id), recordTitle(ENTITIES[entity], row));
  };
  titled('services', services);
  titled('customers', customerRows);
  titled('contacts', contacts);
  titled('deals', deals);
  writeRows(runtime, 'services', services);
  writeRows(runtime, 'customers', customerRows, titles);
  writeRows(runtime, 'contacts', contacts, titles);
  writeRows(runtime, 'deals', deals, titles);
  writeRows(runtime, 'activities', activities, titles);

  const related = (rows: Row[], id: unknown) => rows.filter((r) => r.customerId === id).length;
  const middle = Math.floor(customers / 2);
  const order = [...customerRows.keys()].sort(
    (a, b) => Math.abs(a - middle) - Math.abs(b - middle),
  );
  const pick =
    order.find(
      (i) =>
        related(deals, customerRows[i].id) === 3 &&
        related(contacts, customerRows[i].id) >= 1 &&
        related(activities, customerRows[i].id) >= 1 &&
        customerRows[i].archived === false,
    ) ??
    order.find((i) => related(deals, customerRows[i].id) >= 1 && !customerRows[i].archived) ??
    0;
  const sample = customerRows[pick];
  const sampleDeal = deals.find((d) => d.customerId === sample.id);
  return {
    customers,
    deals: deals.length,
    contacts: contacts.length,
    activities: activities.length,
    sample: {
      id: String(sample.id),
      email: String(sample.email),
      deals: related(deals, sample.id),
      contacts: related(contacts, sample.id),
      activities: related(activities, sample.id),
    },
    sampleDealId: String(sampleDeal?.id ?? ''),
    serviceId: serviceIds[0],
  };
}

/**
 * Records the filled workbook as set up: what "Set up tabs" notes after formatting a tab
 * (src/server/sheet/setup-record.ts), as if it had run while the rows were being added.
 * Running it once over 25,000 rows here would exceed Apps Script's 6-minute limit under
 * the emulator's cost model (pending formats are priced by the cell), and the rows written
 * above carry their columns' number formats already.
 */
export function recordSetUp(runtime: LocalRuntime): void {
  const tabs: Record<string, { header: string[]; maxRows: number }> = {};
  for (const spec of Object.values(ENTITIES)) {
    const sheet = runtime.state.sheets.find((s) => s.name === spec.tab);
    if (!sheet) continue;
    const header = (sheet.rows[0] ?? []).map((cell) => String(cell?.v ?? ''));
    while (header.length && !header[header.length - 1].trim()) header.pop();
    tabs[spec.name] = { header, maxRows: sheet.maxRows };
  }
  runtime.state.properties.document['kartoteka.setup.v1'] = JSON.stringify({
    schema: schemaVersion(),
    tabs,
  });
}

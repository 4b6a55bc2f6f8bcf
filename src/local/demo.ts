/**
 * The workbook `npm start` opens when there is no workbook file yet: the tabs set up, then
 * a card index loaded THROUGH THE IMPORT ENGINE (the bundle's importCommit, exactly what the
 * sidebar's Import sends) and the lifecycle recalculated, so a newcomer sees stages, chance
 * active, reminders and the dashboard at once.
 *
 * The purchase histories are real: the 2,357 customers of the CDNOW 1/10 sample and their
 * 6,919 purchases (demo-purchases.csv, derived by scripts/demo-data.ts), with every date
 * moved forward by the same number of days so that the latest purchase lies two days before
 * the workbook was made, and dollars turned into złoty at 4 PLN a dollar. Everything about
 * the people is made up (demo-people.ts), deterministically.
 */
import { readFileSync } from 'node:fs';
import type { Runtime } from './runtime-api';
import { DEFAULT_USER } from './runtime';
import { asciiName, company, dramaPhone, person, pick, seededRandom } from './demo-people';

/** Whoever runs `npm start` (the runtime's default user) and two teammates. */
export const DEMO_TEAM = [DEFAULT_USER, 'marta.kowalczyk@example.com', 'tomas.novak@example.com'];
const PLN_PER_DOLLAR = 4;
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1997, 0, 1);
/** Rows per importCommit call: what the sidebar's driver sends at most. */
const CHUNK = 2000;

export interface DemoOptions {
  /** Load only the first N customers of the sample (tests that want a small, fast demo). */
  customers?: number;
}

interface Purchase {
  customer: number;
  day: number;
  cds: number;
  dollars: number;
}

function readPurchases(): Purchase[] {
  const text = readFileSync(new URL('./demo-purchases.csv', import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [customer, day, cds, dollars] = line.split(',').map(Number);
      return { customer, day, cds, dollars };
    });
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Today in the workbook's time zone, as a UTC midnight (for day arithmetic). */
function todayMs(runtime: Runtime): number {
  const text = new Intl.DateTimeFormat('en-CA', { timeZone: runtime.state.timeZone }).format(
    runtime.now(),
  );
  return Date.parse(`${text}T00:00:00Z`);
}

type Target =
  | { to: 'field'; key: string }
  | { to: 'customer'; by: 'customerNumber' }
  | { to: 'service'; by: 'name' };

/** One file through the import engine: chunk after chunk until the server says it finished. */
function importRows(
  runtime: Runtime,
  entity: string,
  match: string,
  columns: ReadonlyArray<[string, Target]>,
  rows: string[][],
): void {
  const header = columns.map(([name]) => name);
  const mapping = columns.map(([, target]) => target);
  let importId: string | undefined;
  let done = 0;
  for (;;) {
    const result = runtime.run<{
      importId: string;
      done: number;
      invalid: number;
      finished: boolean;
    }>(
      'importCommit',
      [
        {
          entity,
          match,
          createMissingCustomers: false,
          mapping,
          fileName: `demo ${entity}.csv`,
          header,
          rows: rows.slice(done, done + CHUNK),
          rowNumbers: rows.slice(done, done + CHUNK).map((_, i) => done + i + 2),
          importId,
          offset: done,
          total: rows.length,
        },
      ],
      { source: 'script-run' },
    );
    if (!result.ok || !result.value) {
      throw new Error(`Demo data: importing ${entity} failed: ${result.error?.message}`);
    }
    if (result.value.invalid) {
      throw new Error(`Demo data: ${result.value.invalid} ${entity} rows did not pass the checks`);
    }
    importId = result.value.importId;
    done = result.value.done;
    if (result.value.finished) return;
  }
}

const number = (id: number) => `CD-${String(id).padStart(4, '0')}`;
const SERVICES: ReadonlyArray<[string, string, string, string]> = [
  ['CD album', 'Music', '60', 'A single CD album.'],
  ['Box set', 'Music', '240', 'Five CDs or more in one order.'],
  ['Gift card', 'Gifts', '100', 'A card to spend in the shop.'],
  ['Vinyl record', 'Music', '120', 'LP, new pressing.'],
];
const OPEN_STAGES = ['lead', 'qualified', 'proposal', 'negotiation'];
const NEXT_STEPS = [
  'Send the catalogue',
  'Call about the box set',
  'Confirm the order',
  'Offer a gift card',
];

interface DemoCustomer {
  id: number;
  owner: string;
  company?: string;
}

function customerRows(ids: number[], random: () => number, today: number) {
  const rows: string[][] = [];
  const customers: DemoCustomer[] = [];
  let phones = 0;
  for (const id of ids) {
    const owner = DEMO_TEAM[id % DEMO_TEAM.length];
    const isCompany = id % 25 === 0;
    const someone = person(random);
    const firm = isCompany ? company(random) : undefined;
    const name = firm ? `${firm.name} (${someone.city})` : `${someone.first} ${someone.last}`;
    const email = `${asciiName(firm ? firm.name : `${someone.first} ${someone.last}`)}.${id}@example.com`;
    const phone = random() < 0.45 && phones < 3000 ? dramaPhone(phones++) : '';
    let birthday = '';
    if (!firm && random() < 0.7) {
      // A few birthdays in the coming days, so the first digest has some.
      const soon = id % 97 === 0;
      const year = 1950 + Math.floor(random() * 54);
      const date = soon
        ? new Date(today + (id % 5) * DAY_MS)
        : new Date(Date.UTC(2001, 0, 1) + Math.floor(random() * 365) * DAY_MS);
      birthday = `${year}-${isoDay(date.getTime()).slice(5)}`;
      if (birthday.endsWith('02-29')) birthday = `${year}-02-28`;
    }
    const followUp = id % 31 === 0 ? isoDay(today + ((id % 9) - 2) * DAY_MS) : '';
    rows.push([
      number(id),
      name,
      firm ? 'company' : 'person',
      firm?.name ?? '',
      email,
      phone,
      firm?.city ?? someone.city,
      firm?.country ?? someone.country,
      birthday,
      firm ? '' : someone.gender,
      owner,
      followUp,
      random() < 0.3 ? 'newsletter' : '',
      pick(random, ['website', 'referral', 'social media', 'advertising', 'event']),
      pick(random, ['email', 'email', 'phone', 'SMS']),
    ]);
    customers.push({ id, owner, company: firm?.name });
  }
  return { rows, customers };
}

const CUSTOMER_COLUMNS: ReadonlyArray<[string, Target]> = [
  ['Numer klienta', { to: 'field', key: 'customerNumber' }],
  ['Nazwa', { to: 'field', key: 'name' }],
  ['Typ', { to: 'field', key: 'type' }],
  ['Firma', { to: 'field', key: 'company' }],
  ['E-mail', { to: 'field', key: 'email' }],
  ['Telefon', { to: 'field', key: 'phone' }],
  ['Miasto', { to: 'field', key: 'city' }],
  ['Kraj', { to: 'field', key: 'country' }],
  ['Data urodzenia', { to: 'field', key: 'birthday' }],
  ['Płeć', { to: 'field', key: 'gender' }],
  ['Opiekun', { to: 'field', key: 'owner' }],
  ['Następny kontakt', { to: 'field', key: 'followUp' }],
  ['Tagi', { to: 'field', key: 'tags' }],
  ['Źródło', { to: 'field', key: 'source' }],
  ['Kanał', { to: 'field', key: 'preferredChannel' }],
];

const DEAL_COLUMNS: ReadonlyArray<[string, Target]> = [
  ['Numer klienta', { to: 'customer', by: 'customerNumber' }],
  ['Tytuł', { to: 'field', key: 'title' }],
  ['Produkt', { to: 'service', by: 'name' }],
  ['Etap', { to: 'field', key: 'stage' }],
  ['Kwota', { to: 'field', key: 'amount' }],
  ['Waluta', { to: 'field', key: 'currency' }],
  ['Data zakupu', { to: 'field', key: 'closedDate' }],
  ['Zapłacono', { to: 'field', key: 'paid' }],
  ['Planowane zamknięcie', { to: 'field', key: 'expectedClose' }],
  ['Następny krok', { to: 'field', key: 'nextStep' }],
  ['Data kroku', { to: 'field', key: 'nextStepDate' }],
  ['Opiekun', { to: 'field', key: 'owner' }],
];

function dealRows(
  purchases: Purchase[],
  customers: DemoCustomer[],
  random: () => number,
  today: number,
) {
  const ownerOf = new Map(customers.map((c) => [c.id, c.owner]));
  const lastDay = Math.max(...purchases.map((p) => p.day));
  // The latest purchase of the sample lands two days before today.
  const shift = (today - 2 * DAY_MS - (EPOCH + lastDay * DAY_MS)) / DAY_MS;
  const rows = purchases
    .filter((p) => ownerOf.has(p.customer))
    .map((p) => [
      number(p.customer),
      p.cds === 1 ? '1 CD' : `${p.cds} CDs`,
      p.cds >= 5 ? 'Box set' : 'CD album',
      'won',
      (Math.round(p.dollars * PLN_PER_DOLLAR * 100) / 100).toFixed(2),
      'PLN',
      isoDay(EPOCH + (p.day + shift) * DAY_MS),
      'yes',
      '',
      '',
      '',
      ownerOf.get(p.customer) ?? '',
    ]);
  for (const customer of customers.filter((c) => c.id % 19 === 0)) {
    const product = pick(random, SERVICES);
    rows.push([
      number(customer.id),
      `${product[0]} for ${customer.company ?? 'a gift'}`,
      product[0],
      pick(random, OPEN_STAGES),
      String(Number(product[2]) * (1 + Math.floor(random() * 8))),
      'PLN',
      '',
      '',
      isoDay(today + (1 + Math.floor(random() * 30)) * DAY_MS),
      pick(random, NEXT_STEPS),
      isoDay(today + Math.floor(random() * 8) * DAY_MS),
      customer.owner,
    ]);
  }
  return rows;
}

function contactRows(customers: DemoCustomer[], random: () => number): string[][] {
  return customers
    .filter((c) => c.company)
    .flatMap((c) =>
      ['decision maker', 'accountant'].slice(0, 1 + (c.id % 2)).map((role) => {
        const someone = person(random);
        const name = `${someone.first} ${someone.last}`;
        return [number(c.id), name, role, `${asciiName(name)}.${c.id}@example.com`];
      }),
    );
}

export function seedDemoWorkbook(runtime: Runtime, options: DemoOptions = {}): void {
  const setup = runtime.run('setupTabs', [], { source: 'menu' });
  if (!setup.ok) throw new Error(`Demo data: Set up tabs failed: ${setup.error?.message}`);
  const random = seededRandom(13);
  const today = todayMs(runtime);
  const purchases = readPurchases();
  const limit = options.customers ?? Number(process.env.KARTOTEKA_DEMO_CUSTOMERS || Infinity);
  const ids = [...new Set(purchases.map((p) => p.customer))].slice(0, limit);
  const { rows, customers } = customerRows(ids, random, today);
  importRows(
    runtime,
    'services',
    'id',
    [
      ['Name', { to: 'field', key: 'name' }],
      ['Category', { to: 'field', key: 'category' }],
      ['List price', { to: 'field', key: 'price' }],
      ['Description', { to: 'field', key: 'description' }],
    ],
    SERVICES.map((s) => [...s]),
  );
  importRows(runtime, 'customers', 'customerNumber', CUSTOMER_COLUMNS, rows);
  importRows(
    runtime,
    'contacts',
    'email',
    [
      ['Numer klienta', { to: 'customer', by: 'customerNumber' }],
      ['Imię i nazwisko', { to: 'field', key: 'name' }],
      ['Stanowisko', { to: 'field', key: 'role' }],
      ['E-mail', { to: 'field', key: 'email' }],
    ],
    contactRows(customers, random),
  );
  importRows(runtime, 'deals', 'id', DEAL_COLUMNS, dealRows(purchases, customers, random, today));
  const lifecycle = runtime.run('recalculateLifecycle', [], { source: 'script-run' });
  if (!lifecycle.ok) throw new Error(`Demo data: lifecycle failed: ${lifecycle.error?.message}`);
}

/**
 * Issue 13 through the built bundle: preview counts on a file with every case, commit then
 * undo (the data tabs deep-equal to before, updated fields included), undo refused when
 * someone edited a field since, resends and resumes, merge then undo merge.
 */
import { describe, expect, it } from 'vitest';
import { call, setUp, tab } from './workbook';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import { parseCsvText } from '../../src/domain/import/csv.ts';
import { suggestMapping } from '../../src/domain/import/mapping.ts';
import {
  commitFile,
  ImportStopped,
  prepareFile,
  previewFile,
  type ImportApi,
} from '../../src/domain/import/driver.ts';
import type {
  CommitChunk,
  ImportChunk,
  ImportOptions,
  UndoResult,
} from '../../src/domain/import/types.ts';

const DATA_TABS = ['Customers', 'Contacts', 'Deals', 'Services', 'Activity'];

function api(runtime: LocalRuntime): ImportApi {
  return {
    importPreview: async (chunk: ImportChunk) => call(runtime, 'importPreview', chunk),
    importCommit: async (chunk: CommitChunk) => call(runtime, 'importCommit', chunk),
  };
}

function dataTabs(runtime: LocalRuntime) {
  return structuredClone(runtime.state.sheets.filter((s) => DATA_TABS.includes(s.name)));
}

function save(runtime: LocalRuntime, entity: string, input: Record<string, unknown>): string {
  const result = call<{ ok: boolean; record: { id: string } }>(
    runtime,
    'saveRecord',
    entity,
    input,
    { confirmDuplicate: true },
  );
  expect(result.ok).toBe(true);
  return result.record.id;
}

/** Two customers to match against, then a file with every case. */
function workbookWithCustomers(): { runtime: LocalRuntime; anna: string; jan: string } {
  const runtime = setUp();
  const anna = save(runtime, 'customers', {
    name: 'Anna Nowak',
    email: 'anna@example.com',
    phone: '+48 601 200 300',
    city: 'Kraków',
  });
  const jan = save(runtime, 'customers', {
    name: 'Jan Kowalski',
    email: 'jan@example.com',
    customerNumber: 'K-7',
  });
  return { runtime, anna, jan };
}

const FILE = [
  'Imię;Nazwisko;E-mail;Telefon;Miasto;Loyalty card',
  'Anna;Nowak;ANNA@example.com;601 200 300;Warszawa;L-1', // update: city changes
  'Jan;Kowalski;jan@example.com;;;', // unchanged (empty cells never clear a field)
  'Ewa;Lis;ewa@example.com;;"Gdańsk; Oliwa";L-3', // new
  'Ewa;Lis-Duplikat;EWA@example.com;;;L-4', // duplicate of the row before (same email)
  'Piotr;Zły;piotr@;;;L-5', // invalid email
  ';;;;;', // empty line
  'Olga;Bez;;;Brno;L-6', // invalid: neither email nor phone
].join('\r\n');

async function plannedFile(runtime: LocalRuntime, options: Partial<ImportOptions> = {}) {
  const table = parseCsvText(FILE);
  const { header } = table;
  const mapping = suggestMapping('customers', header);
  mapping[5] = { to: 'keep', header: 'Loyalty card' };
  const opts: ImportOptions = {
    entity: 'customers',
    match: 'email',
    createMissingCustomers: false,
    mapping,
    fileName: 'klienci.csv',
    ...options,
  };
  const context = call<{
    context: { today: string; defaultCountry: string; defaultCurrency: string };
  }>(runtime, 'importPreview', { ...opts, header, rows: [], rowNumbers: [] }).context;
  return { opts, file: prepareFile(opts, table, context) };
}

describe('import preview', () => {
  it('counts new, updated (with the fields), unchanged, repeated and invalid rows; writes nothing', async () => {
    const { runtime } = workbookWithCustomers();
    const before = dataTabs(runtime);
    const { opts, file } = await plannedFile(runtime);
    const preview = await previewFile(api(runtime), opts, file);
    expect(preview).toMatchObject({
      added: 1,
      updated: 1,
      unchanged: 1,
      invalid: 2,
      duplicates: 1,
      changedFields: { city: 1, 'column:Loyalty card': 1 },
      newColumns: ['Loyalty card'],
    });
    expect(preview.duplicateRows).toEqual([{ row: 5, of: 4 }]);
    expect(preview.updates[0]).toMatchObject({
      row: 2,
      title: 'Anna Nowak',
      changes: [
        { field: 'city', before: 'Kraków', after: 'Warszawa' },
        { field: 'column:Loyalty card', label: 'Loyalty card', before: '', after: 'L-1' },
      ],
    });
    // The forms' own messages.
    expect(preview.invalidRows).toEqual([
      { row: 6, errors: { email: "Email: 'piotr@' is missing the domain" } },
      { row: 8, errors: { email: 'Email or phone: give at least one way to reach them' } },
    ]);
    expect(dataTabs(runtime)).toEqual(before);
  });

  it('deals name their customer by email or number; missing ones are refused or added', async () => {
    const { runtime, jan } = workbookWithCustomers();
    const csv = [
      'Customer email,Customer number,Customer,Title,Amount,Stage,Date',
      'jan@example.com,,,Kitchen,1200,won,2026-01-10',
      ',K-7,,Hall,300,won,2026-02-01',
      'nowy@example.com,,Nowy Klient,Garden,500,proposal,',
      'nowy@example.com,,Nowy Klient,Fence,700,won,2026-02-11',
    ].join('\n');
    const { header, rows } = parseCsvText(csv);
    const mapping = suggestMapping('deals', header);
    expect(mapping).toEqual([
      { to: 'customer', by: 'email' },
      { to: 'customer', by: 'customerNumber' },
      { to: 'customer', by: 'name' },
      { to: 'field', key: 'title' },
      { to: 'field', key: 'amount' },
      { to: 'field', key: 'stage' },
      { to: 'field', key: 'closedDate' },
    ]);
    const opts: ImportOptions = {
      entity: 'deals',
      match: 'id',
      createMissingCustomers: false,
      mapping,
    };
    const context = { today: '2026-03-02', defaultCountry: 'PL', defaultCurrency: 'PLN' };
    const refused = await previewFile(
      api(runtime),
      opts,
      prepareFile(opts, { header, rows }, context),
    );
    expect(refused).toMatchObject({ added: 2, invalid: 2 });
    expect(refused.invalidRows[0].errors.customerId).toContain(
      "no customer with email 'nowy@example.com'",
    );
    const withCreate = { ...opts, createMissingCustomers: true };
    const file = prepareFile(withCreate, { header, rows }, context);
    const preview = await previewFile(api(runtime), withCreate, file);
    expect(preview).toMatchObject({
      added: 4,
      invalid: 0,
      missingCustomers: ['email:nowy@example.com'],
    });
    const done = await commitFile(api(runtime), withCreate, file);
    expect(done).toMatchObject({ finished: true, added: 4, customersCreated: 1 });
    const deals = call<{ items: Array<{ title: string; customerId: string }> }>(
      runtime,
      'listRecords',
      'deals',
      { pageSize: 10 },
    ).items;
    const nowy = call<{ items: Array<{ id: string; name: string }> }>(
      runtime,
      'listRecords',
      'customers',
      {
        text: 'nowy',
      },
    ).items;
    expect(nowy.map((c) => c.name)).toEqual(['Nowy Klient']);
    const byTitle = Object.fromEntries(deals.map((d) => [d.title, d.customerId]));
    expect(byTitle).toEqual({ Kitchen: jan, Hall: jan, Garden: nowy[0].id, Fence: nowy[0].id });
    // Each imported deal shows its customer's name beside Customer ID.
    const names = call<{ items: Array<{ title: string; customerIdTitle: string }> }>(
      runtime,
      'listRecords',
      'deals',
      { pageSize: 10 },
    ).items.map((d) => [d.title, d.customerIdTitle]);
    expect(Object.fromEntries(names)).toEqual({
      Kitchen: 'Jan Kowalski',
      Hall: 'Jan Kowalski',
      Garden: 'Nowy Klient',
      Fence: 'Nowy Klient',
    });
  });
});

describe('import commit and undo', () => {
  it('writes the preview, logs it, and Undo import puts every tab back exactly', async () => {
    const { runtime, anna } = workbookWithCustomers();
    const before = dataTabs(runtime);
    const { opts, file } = await plannedFile(runtime);
    const progress = await commitFile(api(runtime), opts, file);
    expect(progress).toMatchObject({
      finished: true,
      added: 1,
      updated: 1,
      unchanged: 1,
      invalid: 2,
    });
    const customers = tab(runtime, 'Customers');
    const header = customers[0];
    const rowOf = (name: string) => customers.find((r) => r[header.indexOf('Name')] === name);
    expect(rowOf('Anna Nowak')?.[header.indexOf('City')]).toBe('Warszawa');
    expect(rowOf('Ewa Lis')?.[header.indexOf('City')]).toBe('Gdańsk; Oliwa');
    expect(rowOf('Ewa Lis')?.[header.indexOf('Loyalty card')]).toBe('L-3');
    expect(rowOf('Anna Nowak')?.[header.indexOf('Loyalty card')]).toBe('L-1');
    expect(customers.filter((r) => r[header.indexOf('Name')])).toHaveLength(4); // header + 3
    const log = tab(runtime, 'Log');
    expect(
      log
        .filter((r) => r[0])
        .at(-1)
        ?.join(' '),
    ).toContain(`import ${progress.importId}`);
    const history = tab(runtime, 'History');
    expect(
      history
        .slice(1)
        .filter((r) => r[0])
        .map((r) => r[history[0].indexOf('Change')]),
    ).toEqual(['updated', 'added']);
    const imports = call<Array<{ importId: string; status: string }>>(runtime, 'listImports');
    expect(imports).toEqual([
      expect.objectContaining({ importId: progress.importId, status: 'finished' }),
    ]);

    const undo = call<UndoResult>(runtime, 'undoImport', progress.importId);
    expect(undo).toEqual({ ok: true, removed: 1, restored: 1 });
    expect(dataTabs(runtime)).toEqual(before);
    expect(call(runtime, 'getRecord', 'customers', anna)).toMatchObject({ city: 'Kraków' });
    expect(call<UndoResult>(runtime, 'undoImport', progress.importId)).toMatchObject({ ok: false });
  });

  it('refuses to undo, naming the fields, when someone edited them since', async () => {
    const { runtime, anna } = workbookWithCustomers();
    const { opts, file } = await plannedFile(runtime);
    const progress = await commitFile(api(runtime), opts, file);
    save(runtime, 'customers', { id: anna, city: 'Łódź' });
    const ewa = call<{ items: Array<{ id: string }> }>(runtime, 'listRecords', 'customers', {
      text: 'ewa@',
    }).items[0].id;
    save(runtime, 'deals', { customerId: ewa, title: 'First order', stage: 'lead' });
    const before = dataTabs(runtime);
    const undo = call<UndoResult>(runtime, 'undoImport', progress.importId);
    expect(undo.ok).toBe(false);
    if (undo.ok) return;
    expect(undo.conflicts).toEqual([
      expect.objectContaining({
        entity: 'customers',
        id: anna,
        title: 'Anna Nowak',
        fields: ['City'],
      }),
      expect.objectContaining({
        entity: 'deals',
        title: 'First order',
        fields: ['Customer (points to a record this would remove)'],
      }),
    ]);
    expect(dataTabs(runtime)).toEqual(before);
  });

  it('skips rows resent after they were committed and asks for rows it has not seen', async () => {
    const { runtime } = workbookWithCustomers();
    const { opts, file } = await plannedFile(runtime);
    const chunk = (offset: number, importId?: string): CommitChunk => ({
      ...opts,
      header: file.header,
      rows: file.rows.slice(offset),
      rowNumbers: file.rowNumbers.slice(offset),
      offset,
      total: file.rows.length,
      importId,
    });
    const first = call<{ importId: string; done: number }>(runtime, 'importCommit', {
      ...chunk(0),
      rows: file.rows.slice(0, 2),
      rowNumbers: file.rowNumbers.slice(0, 2),
    });
    expect(first.done).toBe(2);
    // A chunk from further on than committed: nothing written, told where to resend from.
    expect(call<{ done: number }>(runtime, 'importCommit', chunk(4, first.importId)).done).toBe(2);
    // The whole file again: the first two rows are not written twice.
    const last = call<{ done: number; added: number; updated: number; finished: boolean }>(
      runtime,
      'importCommit',
      chunk(0, first.importId),
    );
    expect(last).toMatchObject({ done: file.rows.length, added: 1, updated: 1, finished: true });
    expect(tab(runtime, 'Customers').filter((r) => r[0])).toHaveLength(4);
  });
});

describe('an import call that dies half-way through a batch', () => {
  it('is sent again, rolls back what the batch wrote, and writes every row once', async () => {
    const { runtime, anna } = workbookWithCustomers();
    const before = dataTabs(runtime);
    const { opts, file } = await plannedFile(runtime);
    // setValues 1 journals the batch, 2 adds the Loyalty card header, 3 and 4 write Anna's
    // city and stamps, 5 appends Ewa, 6 would write her card: Apps Script's server error
    // there, with Ewa's row already in the tab.
    runtime.crashNextExecution('Range.setValues', 6);
    const errors: string[] = [];
    const watched: ImportApi = {
      ...api(runtime),
      importCommit: (chunk) =>
        api(runtime)
          .importCommit(chunk)
          .catch((error: Error) => {
            errors.push(error.message);
            throw error;
          }),
    };
    const done = await commitFile(watched, opts, file);
    expect(errors).toEqual([expect.stringContaining("We're sorry, a server error occurred")]);
    expect(done).toMatchObject({ finished: true, added: 1, updated: 1, unchanged: 1 });
    const customers = tab(runtime, 'Customers').filter((r) => r[0]);
    expect(customers.map((r) => r[0])).toEqual(['Name', 'Anna Nowak', 'Jan Kowalski', 'Ewa Lis']);
    expect(call(runtime, 'getRecord', 'customers', anna)).toMatchObject({ city: 'Warszawa' });
    expect(call<UndoResult>(runtime, 'undoImport', done.importId)).toMatchObject({ ok: true });
    expect(dataTabs(runtime)).toEqual(before);
  });

  it('stops after the retries with the import id, and going on finishes the same import', async () => {
    const { runtime } = workbookWithCustomers();
    const { opts, file } = await plannedFile(runtime);
    let calls = 0;
    const failing: ImportApi = {
      ...api(runtime),
      importCommit: (chunk) => {
        calls++;
        return calls <= 3
          ? Promise.reject(new Error('Service unavailable'))
          : api(runtime).importCommit(chunk);
      },
    };
    const stopped = await commitFile(failing, opts, file).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(ImportStopped);
    const { importId } = stopped as ImportStopped;
    const done = await commitFile(failing, opts, file, undefined, { importId });
    expect(done).toMatchObject({ importId, finished: true, added: 1, updated: 1 });
    expect(call<Array<{ importId: string }>>(runtime, 'listImports')).toHaveLength(1);
  });
});

describe('a long import', () => {
  it('goes on from where a call stopped when its time budget ran out, reporting progress', async () => {
    const runtime = setUp();
    const before = dataTabs(runtime);
    const header = ['Name', 'Email'];
    const rows = Array.from({ length: 4_500 }, (_, i) => [`Klient ${i}`, `k${i}@example.com`]);
    const opts: ImportOptions = {
      entity: 'customers',
      match: 'email',
      createMissingCustomers: false,
      mapping: suggestMapping('customers', header),
    };
    const context = { today: '2026-03-02', defaultCountry: 'PL', defaultCurrency: 'PLN' };
    const file = prepareFile(opts, { header, rows }, context);
    const seen: number[] = [];
    const calls: number[] = [];
    const counting: ImportApi = {
      ...api(runtime),
      importCommit: (chunk) => {
        calls.push(chunk.rows.length);
        return api(runtime).importCommit(chunk);
      },
    };
    // A budget of 0 ms: every call stops after its first batch of 1,000 rows, as a call does
    // when the execution limit is near; the client sends the rest from there.
    const done = await commitFile(counting, opts, file, (p) => seen.push(p.done), { budgetMs: 0 });
    expect(seen).toEqual([1000, 2000, 3000, 4000, 4500]);
    expect(calls).toEqual([2000, 2000, 2000, 1500, 500]);
    expect(done).toMatchObject({ finished: true, added: 4_500 });
    expect(tab(runtime, 'Customers').filter((r) => r[0])).toHaveLength(4_501);
    // The grid grew past its 1,000 rows; Undo gives it back its size.
    expect(call<UndoResult>(runtime, 'undoImport', done.importId)).toMatchObject({ ok: true });
    expect(dataTabs(runtime)).toEqual(before);
  });
});

describe('records whose date cells lost their format', () => {
  it('are still read: Find duplicates (a SpreadsheetApp read) sees both', async () => {
    const runtime = setUp();
    save(runtime, 'customers', { name: 'Anna Nowak', email: 'anna@example.com' });
    save(runtime, 'customers', { name: 'Anna N.', email: 'ANNA@example.com' });
    // Format ▸ Clear formatting on Anna's row: her Created stamp is a bare serial number.
    const sheet = runtime.state.sheets.find((s) => s.name === 'Customers')!;
    const header = sheet.rows[0]!.map((c) => c?.v);
    const created = sheet.rows[1]![header.indexOf('Created')]!;
    sheet.rows[1]![header.indexOf('Created')] = { v: created.v };
    const groups = call<Array<{ records: Array<{ id: string }> }>>(
      runtime,
      'findDuplicates',
      'customers',
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].records).toHaveLength(2);
  });
});

describe('merge duplicates', () => {
  it('keeps one record with the chosen fields, re-points the rest, and Undo merge restores both', () => {
    const runtime = setUp();
    const keep = save(runtime, 'customers', {
      name: 'Anna Nowak',
      email: 'anna@example.com',
      city: 'Kraków',
    });
    const other = save(runtime, 'customers', {
      name: 'Anna Nowak-Lis',
      email: 'ANNA@example.com',
      phone: '+48 601 200 300',
      city: 'Warszawa',
    });
    save(runtime, 'customers', { name: 'Piotr', email: 'p@example.com', referredBy: other });
    save(runtime, 'deals', { customerId: other, title: 'Kitchen', stage: 'lead' });
    save(runtime, 'contacts', { customerId: other, name: 'Asystent', email: 'a@example.com' });
    save(runtime, 'activities', {
      customerId: other,
      type: 'call',
      date: '2026-03-01',
      summary: 'Called',
    });
    const groups = call<Array<{ matchedOn: string; records: Array<{ id: string }> }>>(
      runtime,
      'findDuplicates',
      'customers',
    );
    expect(groups).toEqual([
      expect.objectContaining({
        matchedOn: 'email',
        records: [expect.objectContaining({ id: keep }), expect.objectContaining({ id: other })],
      }),
    ]);
    const preview = call<{ fields: string[]; references: number }>(
      runtime,
      'mergePreview',
      'customers',
      keep,
      other,
    );
    expect(preview).toEqual(
      expect.objectContaining({ fields: ['name', 'phone', 'city'], references: 4 }),
    );
    const before = dataTabs(runtime);
    const result = call<{ ok: true; mergeId: string; repointed: number }>(runtime, 'mergeRecords', {
      entity: 'customers',
      keepId: keep,
      otherId: other,
      choices: { city: 'other' },
    });
    expect(result).toMatchObject({ ok: true, repointed: 4 });
    expect(call(runtime, 'getRecord', 'customers', keep)).toMatchObject({
      name: 'Anna Nowak',
      phone: '+48601200300',
      city: 'Warszawa',
    });
    expect(call(runtime, 'getRecord', 'customers', other)).toMatchObject({ archived: true });
    const card = call<{ deals: unknown[]; contacts: unknown[]; activities: unknown[] }>(
      runtime,
      'getCustomerCard',
      keep,
    );
    expect([card.deals.length, card.contacts.length, card.activities.length]).toEqual([1, 1, 1]);
    // The re-pointed rows show the kept customer's name beside its id.
    for (const tabName of ['Deals', 'Contacts', 'Activity']) {
      const [header, ...rows] = tab(runtime, tabName);
      const named = rows.filter((r) => r[header.indexOf('Customer ID')] === keep);
      expect(
        named.map((r) => r[header.indexOf('Customer name')]),
        tabName,
      ).toEqual(['Anna Nowak']);
    }

    expect(call<UndoResult>(runtime, 'undoMerge', result.mergeId)).toMatchObject({
      ok: true,
      restored: 6,
    });
    expect(dataTabs(runtime)).toEqual(before);
  });
});

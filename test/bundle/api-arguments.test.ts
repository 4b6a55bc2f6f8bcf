/**
 * Issue 9 §6 through the built bundle: every function the sidebar calls checks its
 * arguments' types first (src/server/arguments.ts) and answers a wrong type in words that
 * name the function and the argument — never a TypeError from deep inside, never a value
 * silently coerced, and nothing written.
 */
import { describe, expect, it } from 'vitest';
import { ENTRY_POINTS } from '../../src/server/entry-points.ts';
import type { SaveResult } from '../../src/domain/api-types.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import { call, run, setUp, tab } from './workbook.ts';

const anna = { name: 'Anna Nowak', email: 'anna@example.com', tags: ['vip'] };

function withCustomers(): LocalRuntime {
  const runtime = setUp();
  call(runtime, 'saveRecord', 'customers', anna);
  call(runtime, 'saveRecord', 'customers', { name: 'Bob', email: 'bob@example.com' });
  return runtime;
}

/** The error a call threw, as the sidebar's failure handler receives it. */
function thrown(runtime: LocalRuntime, name: string, ...args: unknown[]): string {
  const result = run(runtime, name, ...args);
  if (result.ok) throw new Error(`${name} answered ${JSON.stringify(result.value)}`);
  expect(result.error?.name).toBe('KartotekaError');
  return result.error?.message ?? '';
}

describe('listRecords checks its query', () => {
  it('refuses text, tag and page of the wrong type, naming the function and the field', () => {
    const runtime = withCustomers();
    expect(thrown(runtime, 'listRecords', 'customers', { text: 123 })).toBe(
      'listRecords: query.text must be text, got a number',
    );
    expect(thrown(runtime, 'listRecords', 'customers', { tag: 5 })).toBe(
      'listRecords: query.tag must be text, got a number',
    );
    expect(thrown(runtime, 'listRecords', 'customers', { page: 'abc' })).toBe(
      'listRecords: query.page must be a number, got text',
    );
    expect(thrown(runtime, 'listRecords', 'customers', { page: 0 })).toBe(
      'listRecords: query.page must be 1 or more, got a number',
    );
    expect(thrown(runtime, 'listRecords', 'customers', { txt: 'anna' })).toBe(
      "listRecords: query has no 'txt'",
    );
    expect(thrown(runtime, 'listRecords', 'customer')).toBe(
      "listRecords: entity must be one of customers, contacts, deals, services, activities, got 'customer'",
    );
  });

  it('takes a null query as no query', () => {
    const runtime = withCustomers();
    const list = call<{ total: number; page: number }>(runtime, 'listRecords', 'customers', null);
    expect(list).toMatchObject({ total: 2, page: 1 });
    const found = call<{ items: Array<{ name: string }> }>(runtime, 'listRecords', 'customers', {
      text: 'anna',
      tag: 'vip',
      page: 1,
    });
    expect(found.items.map((c) => c.name)).toEqual(['Anna Nowak']);
  });
});

describe('saveRecord checks its entity, input and options', () => {
  it('refuses confirmDuplicate "no" instead of counting it as yes; nothing is written', () => {
    const runtime = withCustomers();
    const result = call<SaveResult>(
      runtime,
      'saveRecord',
      'customers',
      { name: 'Anna Second', email: 'anna@example.com' },
      { confirmDuplicate: 'no' },
    );
    expect(result).toEqual({
      ok: false,
      error: 'saveRecord: options.confirmDuplicate must be true or false, got text',
    });
    expect(tab(runtime, 'Customers').flat()).not.toContain('Anna Second');
    // Without the option the duplicate is found and offered, as before.
    const offered = call<SaveResult>(runtime, 'saveRecord', 'customers', {
      name: 'Anna Second',
      email: 'anna@example.com',
    });
    expect(offered).toMatchObject({ ok: false, duplicate: { matchedOn: 'email' } });
  });

  it('answers each wrong type with a result in words', () => {
    const runtime = withCustomers();
    const refused = (...args: unknown[]) =>
      call<SaveResult & { error?: string }>(runtime, 'saveRecord', ...args).error;
    expect(refused('customers', ['Anna'])).toBe('saveRecord: input must be an object, got a list');
    expect(refused('customers', null)).toBe('saveRecord: input must be an object, got nothing');
    expect(refused('invoices', {})).toBe(
      "saveRecord: entity must be one of customers, contacts, deals, services, activities, got 'invoices'",
    );
    expect(refused('customers', { name: 'X' }, { seen: 'all' })).toBe(
      'saveRecord: options.seen must be an object, got text',
    );
    expect(refused('customers', { name: 'X' }, { expectedUpdated: 5 })).toBe(
      'saveRecord: options.expectedUpdated must be text, got a number',
    );
    expect(refused('customers', { name: 'X' }, {}, 'extra')).toBe(
      'saveRecord: takes at most 3 arguments, got 4',
    );
    expect(refused('customers')).toBe('saveRecord: needs 2 arguments, got 1');
    const names = tab(runtime, 'Customers').map((row) => row[0]);
    expect(names.filter(Boolean)).toEqual(['Name', 'Anna Nowak', 'Bob']);
  });

  it('saveThen, archiveThen and restoreThen answer in their own result', () => {
    const runtime = withCustomers();
    expect(call(runtime, 'saveThen', 'customers', { name: 'X' }, null)).toEqual({
      result: { ok: false, error: 'saveThen: options must be an object, got nothing' },
    });
    expect(call(runtime, 'archiveThen', 'customers', 'some-id', { card: 'yes' })).toEqual({
      result: {
        ok: false,
        error:
          'archiveThen: then must be { card: true } or { list: a customer query }, got an object',
      },
    });
    expect(call(runtime, 'restoreThen', 'customers', 'some-id', { list: { page: '2' } })).toEqual({
      result: {
        ok: false,
        error:
          'restoreThen: then must be { card: true } or { list: a customer query }, got an object',
      },
    });
  });
});

describe('the other sidebar functions', () => {
  const cases: Array<[string, unknown[], string]> = [
    ['searchCustomers', [{ text: 5 }], 'searchCustomers: query.text must be text, got a number'],
    ['searchCustomers', [{ sort: 'age' }], 'searchCustomers: query.sort must be one of'],
    ['searchCustomers', [{ overdue: 'yes' }], 'searchCustomers: query.overdue must be true or'],
    ['getRecord', ['customers', 7], 'getRecord: id must be text, got a number'],
    ['getCustomerCard', [{ id: 'x' }], 'getCustomerCard: id must be text, got an object'],
    ['findForCustomer', ['activities', 'x', ''], 'findForCustomer: entity must be one of deals'],
    ['findForCustomer', ['deals', 'x', 5], 'findForCustomer: query must be text, got a number'],
    ['turnOnReminders', ['8'], 'turnOnReminders: hour must be a number, got text'],
    ['turnOnReminders', [8, 'yes'], 'turnOnReminders: takeOver must be true or false, got text'],
    ['goToCell', ['Customers', '2', 'Name'], 'goToCell: row must be a number, got text'],
    ['importPreview', [[]], 'importPreview: chunk must be an object, got a list'],
    ['undoImport', [null], 'undoImport: importId must be text, got nothing'],
    ['findDuplicates', ['deals'], 'findDuplicates: entity must be one of customers, contacts'],
    ['mergePreview', ['customers', 1, 2], 'mergePreview: keepId must be text, got a number'],
    ['getProblems', ['now'], 'getProblems: takes no arguments, got 1'],
  ];
  it.each(cases)('%s %j', (name, args, message) => {
    const runtime = withCustomers();
    const result = run(runtime, name, ...args);
    const answer = result.ok ? (result.value as { error?: string }).error : result.error?.message;
    expect(answer).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('an import chunk is checked field by field: a cell must be text', () => {
    const runtime = withCustomers();
    const chunk = {
      entity: 'customers',
      match: 'email',
      createMissingCustomers: false,
      mapping: [{ to: 'field', key: 'name' }],
      header: ['Name'],
      rows: [['Cezary'], [{ name: 'Dorota' }]],
      rowNumbers: [2, 3],
    };
    expect(thrown(runtime, 'importPreview', chunk)).toBe(
      'importPreview: chunk.rows[1][0] must be text, got an object',
    );
    expect(
      thrown(runtime, 'importPreview', { ...chunk, rows: [['Cezary'], ['Dorota']], extra: 1 }),
    ).toBe("importPreview: chunk has no 'extra'");
    expect(
      thrown(runtime, 'importPreview', { ...chunk, mapping: [{ to: 'column', key: 'name' }] }),
    ).toBe(
      "importPreview: chunk.mapping[0].to must be one of skip, field, firstName, lastName, customer, service, keep, got 'column'",
    );
  });

  it('the reminder actions and merges answer in their own result', () => {
    const runtime = withCustomers();
    expect(call(runtime, 'actOnReminder', 42, {}, 'done')).toEqual({
      ok: false,
      error: 'actOnReminder: customerId must be text, got a number',
      card: null,
    });
    expect(call(runtime, 'mergeRecords', { entity: 'customers', keepId: 'a', otherId: 3 })).toEqual(
      { ok: false, error: 'mergeRecords: request.otherId must be text, got a number' },
    );
    expect(call(runtime, 'undoMerge', ['x'])).toEqual({
      ok: false,
      error: 'undoMerge: mergeId must be text, got a list',
      conflicts: [],
    });
    expect(call(runtime, 'saveSettings', 'PLN')).toEqual({
      ok: false,
      error: 'saveSettings: values must be an object, got text',
    });
  });

  it('every sidebar function refuses a wrong type with its own name, never a TypeError', () => {
    const runtime = withCustomers();
    for (const name of ENTRY_POINTS.sidebar) {
      // A list is no argument's type: each first parameter is text, an object or a number.
      const result = run(runtime, name, ['wrong'], ['wrong'], ['wrong'], ['wrong'], ['wrong']);
      const answer = result.ok
        ? (result.value as { error?: string; result?: { error?: string } })
        : { error: `${result.error?.name}: ${result.error?.message}` };
      const error = answer.error ?? answer.result?.error;
      expect(error, name).toMatch(new RegExp(`^(KartotekaError: )?${name}: `));
    }
  });
});

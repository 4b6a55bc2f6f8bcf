/**
 * The sidebar ↔ server contract is the server's own code. These lines are type-checked by
 * `npm test` (tsc runs over test/): each @ts-expect-error must stay an error, so if the
 * contract stopped being checked — a renamed function still accepted, a wrong argument type
 * let through — tsc reports "Unused '@ts-expect-error' directive" and the suite fails.
 */
import { describe, expect, it } from 'vitest';
import { callServer, type ServerApi } from '../../src/sidebar/rpc.ts';
import { ENTRY_POINTS } from '../../src/server/entry-points.ts';
import { checkPublicSurface } from '../../scripts/build.ts';

/** Never run: it exists for the compiler. */
function contractChecks(): void {
  void callServer('getRecord', 'customers', 'some-id');
  void callServer('saveRecord', 'deals', { title: 'Website' }, { confirmDuplicate: true });
  // @ts-expect-error a function the server does not export (e.g. after a rename)
  void callServer('fetchRecord', 'customers', 'some-id');
  // @ts-expect-error hard delete is not part of the public surface
  void callServer('deleteRecord', 'customers', 'some-id');
  // @ts-expect-error getRecord's id is a string
  void callServer('getRecord', 'customers', 42);
  // @ts-expect-error an entity the schema does not have
  void callServer('listRecords', 'invoices', {});
  // @ts-expect-error onOpen is a trigger, not something the sidebar may call
  void callServer('onOpen');
}

describe('the sidebar ↔ server contract', () => {
  it('is checked by the compiler (see the @ts-expect-error lines above)', () => {
    expect(typeof contractChecks).toBe('function');
  });

  it('types each sidebar function from the server module', () => {
    type Keys = keyof ServerApi;
    const keys: Keys[] = [...ENTRY_POINTS.sidebar];
    expect(keys).toContain('saveRecord');
  });
});

describe('the public surface', () => {
  it('refuses an export that is not on the list, naming it', () => {
    expect(() => checkPublicSurface(['onOpen', 'debugDump'], ['onOpen'])).toThrow(
      /exports "debugDump", which is not in src\/server\/entry-points.ts/,
    );
  });

  it('refuses a listed function that is not exported', () => {
    expect(() => checkPublicSurface(['onOpen'], ['onOpen', 'runDailyJob'])).toThrow(
      /lists "runDailyJob", which src\/server\/main.ts does not export/,
    );
  });

  it('accepts exactly the list', () => {
    expect(() => checkPublicSurface(['b', 'a'], ['a', 'b'])).not.toThrow();
  });
});

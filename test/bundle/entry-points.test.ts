import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { entryPointNames } from '../../scripts/build.ts';
import { ALL_ENTRY_POINTS } from '../../src/server/entry-points.ts';
import { loadBundle, readBundle } from './load-bundle.ts';

interface MenuCall {
  title?: string;
  items: Array<[string, string]>;
  addedToUi: boolean;
}

/** A test double of SpreadsheetApp.getUi() that records the add-on menu. */
function recordingUi() {
  const menus: MenuCall[] = [];
  const ui = {
    createAddonMenu() {
      const menu: MenuCall = { items: [], addedToUi: false };
      menus.push(menu);
      const builder = {
        addItem(label: string, fn: string) {
          menu.items.push([label, fn]);
          return builder;
        },
        addSeparator() {
          return builder;
        },
        addToUi() {
          menu.addedToUi = true;
        },
      };
      return builder;
    },
  };
  return { ui, menus };
}

describe('dist/Code.js', () => {
  it('parses as a classic script, not a module, and has no module system left', () => {
    const code = readBundle();
    expect(() => new vm.Script(code, { filename: 'Code.js' })).not.toThrow();
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bprocess\./);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('defines every export of main.ts as a top-level function, in a bare context', async () => {
    const names = await entryPointNames();
    expect(names).toEqual(expect.arrayContaining(['onInstall', 'onOpen', 'showSidebar']));
    const context = vm.createContext({});
    vm.runInContext(readBundle(), context);
    for (const name of names) {
      expect(typeof context[name], name).toBe('function');
    }
    expect(context.require).toBeUndefined();
    expect(context.process).toBeUndefined();
  });

  it('has exactly the listed public functions at top level, and nothing else callable', () => {
    const context = vm.createContext({});
    vm.runInContext(readBundle(), context);
    const topLevel = Object.keys(context).filter(
      (name) => typeof context[name] === 'function' && !name.endsWith('_'),
    );
    // The bundle's own namespace object is a variable, not a function: not callable by name.
    expect(topLevel.sort()).toEqual([...ALL_ENTRY_POINTS].sort());
  });

  it('onOpen in AuthMode.NONE builds the add-on menu and touches nothing else', () => {
    const { ui, menus } = recordingUi();
    // Only getUi exists: any other service call in AuthMode.NONE would throw here.
    const context = loadBundle({ SpreadsheetApp: { getUi: () => ui } });
    (context.onOpen as (e: unknown) => void)({ authMode: 'NONE' });
    expect(menus).toHaveLength(1);
    expect(menus[0].addedToUi).toBe(true);
    expect(menus[0].items).toEqual(
      expect.arrayContaining([
        ['Open sidebar', 'showSidebar'],
        ['Set up tabs', 'setupTabsFromMenu'],
      ]),
    );
    for (const [, fn] of menus[0].items) expect(typeof context[fn], fn).toBe('function');
  });
});

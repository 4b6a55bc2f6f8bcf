import { describe, expect, it } from 'vitest';
import { setup } from './helpers';
import { createSpreadsheetApp } from '../../../src/local/emulator/spreadsheet';
import { newWorkbookState } from '../../../src/local/emulator/state';
import { FakeHost, newUiSink, newWorld } from './fake-host';

function appFor(source: 'time-trigger' | 'simple-trigger' | 'menu', authMode: 'NONE' | 'FULL') {
  const world = newWorld(undefined, undefined, newWorkbookState({ id: 'doc-1' }));
  const host = new FakeHost(world, { authMode, source });
  const ui = newUiSink();
  return { host, ui, app: createSpreadsheetApp(host, ui) };
}

describe('SpreadsheetApp', () => {
  it('builds the add-on menu in AuthMode NONE but cannot read the spreadsheet', () => {
    const { app, ui, host } = appFor('simple-trigger', 'NONE');
    app
      .getUi()
      .createAddonMenu()
      .addItem('Open sidebar', 'showSidebar')
      .addSeparator()
      .addItem('Set up tabs', 'setUpTabs')
      .addToUi();
    expect(ui.addonMenu).toEqual([
      { label: 'Open sidebar', functionName: 'showSidebar' },
      { separator: true },
      { label: 'Set up tabs', functionName: 'setUpTabs' },
    ]);
    expect(() => app.getActiveSpreadsheet()).toThrow(/permission/);
    expect(host.calls).toContain('Menu.addToUi');
  });

  it('has no active spreadsheet and no UI in a time-driven trigger', () => {
    const { app } = appFor('time-trigger', 'FULL');
    expect(app.getActiveSpreadsheet()).toBeNull();
    expect(app.getActive()).toBeNull();
    expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(app.openById('doc-1').getId()).toBe('doc-1');
  });

  it('opens only the emulated spreadsheet by id', () => {
    const { app } = setup();
    expect(app.openById('sheet-id-1').getName()).toBe('Kartoteka');
    expect(() => app.openById('someone-elses')).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
  });

  it('shows sidebars, alerts and toasts in the UI sink', () => {
    const { app, ui, ss } = setup();
    const html = {
      getContent: () => '<p>hi</p>',
      getTitle: () => 'Kartoteka',
      getWidth: () => 300,
    };
    app.getUi().showSidebar(html as unknown as GoogleAppsScript.HTML.HtmlOutput);
    expect(ui.sidebars).toEqual([{ title: 'Kartoteka', html: '<p>hi</p>', width: 300 }]);
    const uiApi = app.getUi();
    expect(uiApi.alert('Saved')).toBe(uiApi.Button.OK);
    expect(uiApi.alert('Delete?', 'Really delete?', uiApi.ButtonSet.YES_NO)).toBe(uiApi.Button.YES);
    expect(ui.alerts).toEqual([
      { prompt: 'Saved' },
      { title: 'Delete?', prompt: 'Really delete?' },
    ]);
    ss.toast('Done', 'Kartoteka');
    expect(ui.toasts).toEqual([{ title: 'Kartoteka', message: 'Done' }]);
  });

  it('counts flush and the active-spreadsheet calls by name', () => {
    const { app, host } = setup();
    host.calls.length = 0;
    app.flush();
    app.getActiveSpreadsheet()!.getSheetByName('Sheet1')!.getRange('A1').getValue();
    expect(host.calls).toEqual([
      'SpreadsheetApp.flush',
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSheetByName',
      'Sheet.getRange',
      'Range.getValue',
    ]);
  });
});

/**
 * The runtime runs dist/Code.js in a node:vm context: arrays and Dates the script passes
 * come from that context's realm. The emulator must accept them like its own.
 */
import { describe, expect, it } from 'vitest';
import { createContext, runInContext } from 'node:vm';
import { setup } from './helpers';

describe('values from another realm', () => {
  it('accepts a script realm Date and arrays in setValues', () => {
    const { app, sheet, state } = setup({ timeZone: 'UTC' });
    const context = createContext({ SpreadsheetApp: app });
    runInContext(
      `SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]
         .getRange('A1:B1').setValues([[new Date(Date.UTC(2026, 2, 4)), '007']]);`,
      context,
    );
    expect(state.sheets[0].rows[0]![0]!.v).toBe(46085);
    expect(sheet.getRange('B1').getValue()).toBe(7);
  });
});

/**
 * Protected sheets and ranges. The emulator records them (the dev server shows them and the
 * workbook file keeps them); it does not stop the owner's scripts from editing, as Sheets
 * does not stop the owner either.
 * https://developers.google.com/apps-script/reference/spreadsheet/protection
 */
import type { ProtectionState, SheetState } from '../state';
import { RANGE_NOT_FOUND, type SheetsContext } from './context';
import type { Range } from './range';

export const ProtectionType = Object.freeze({ RANGE: 'RANGE', SHEET: 'SHEET' } as const);
export type ProtectionTypeName = keyof typeof ProtectionType;

export class Protection {
  constructor(
    private readonly ctx: SheetsContext,
    private readonly sheet: SheetState,
    readonly state: ProtectionState,
  ) {}

  private mutate(method: string): void {
    this.ctx.host.call('Protection', method);
    this.ctx.host.assertMayWrite(`Protection.${method} on ${this.sheet.name}`);
  }

  getProtectionType(): ProtectionTypeName {
    this.ctx.host.call('Protection', 'getProtectionType');
    return this.state.range === 'SHEET' ? 'SHEET' : 'RANGE';
  }

  getDescription(): string {
    this.ctx.host.call('Protection', 'getDescription');
    return this.state.description;
  }

  setDescription(description: string): Protection {
    this.mutate('setDescription');
    this.state.description = description;
    return this;
  }

  isWarningOnly(): boolean {
    this.ctx.host.call('Protection', 'isWarningOnly');
    return this.state.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): Protection {
    this.mutate('setWarningOnly');
    this.state.warningOnly = warningOnly;
    return this;
  }

  getRange(): Range {
    this.ctx.host.call('Protection', 'getRange');
    if (this.state.range === 'SHEET') return this.ctx.sheet(this.sheet).fullRange();
    const range = this.ctx.rangeFromA1(this.state.range, this.sheet);
    if (!range) throw new Error(RANGE_NOT_FOUND);
    return range;
  }

  remove(): void {
    this.mutate('remove');
    const index = this.sheet.protections.indexOf(this.state);
    if (index >= 0) this.sheet.protections.splice(index, 1);
  }
}

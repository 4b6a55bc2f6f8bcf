/**
 * One call's view of the spreadsheet: its id, time zone, settings and tabs, each found once
 * — from the document cache when another call left them there (document-cache.ts), else
 * from the sheet — and what was learnt written back at the end of the call (`persist`).
 *
 * Reads go through `read`: one Values.batchGet with the ranges a step needs and the header
 * row of every tab they are on that this call has not read yet. The ranges are planned from
 * the layout the cache remembers (or Set up tabs' own); if a header says the columns are
 * elsewhere, the step is planned again from it and read once more.
 */
import { ENTITIES, type EntityName } from '../domain/schema';
import { resolveSettings, type SettingFallback } from '../domain/settings-rules';
import { DocumentCache } from './document-cache';
import { readSettings, settingsFrom, type Settings } from './settings';
import { columnsA1 } from './sheet/layout';
import { mapColumns, missingTabError, HEADER_ROW, type RecordValues } from './sheet/table';
import { Tab } from './sheet/tab';
import {
  appendRow,
  batchGet,
  batchGetRanges,
  lastRowOf,
  sheetGrids,
  batchUpdate,
  namesMissingTab,
  spreadsheetProperties,
  type ApiValue,
  type ValuesWrite,
} from './sheet/values';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Rows added at a time when records outgrow the grid, formatted ahead of use. */
const GROWTH_ROWS = 100;

/** The Settings tab's first columns, where Set up tabs puts its Setting, Value and Meaning. */
const SETTINGS_COLUMNS = ENTITIES.settings.fields.length;

export class Document {
  readonly cache = new DocumentCache();
  private readonly tabs = new Map<EntityName, Tab>();
  private spreadsheetValue?: Spreadsheet;

  constructor(private readonly open: () => Spreadsheet) {}

  /** SpreadsheetApp's handle, only for what the Sheets API does not do (locks, UI, formats). */
  get spreadsheet(): Spreadsheet {
    this.spreadsheetValue ??= this.open();
    return this.spreadsheetValue;
  }

  /** The document cache is this document's: an id kept there is this spreadsheet's. */
  spreadsheetId(): string {
    const cached = this.cache.snapshot().spreadsheetId;
    if (cached) return cached;
    const id = this.spreadsheet.getId();
    this.cache.updateSnapshot((snapshot) => {
      snapshot.spreadsheetId = id;
    });
    return id;
  }

  timeZone(): string {
    return this.properties().timeZone;
  }

  /** The spreadsheet's locale ("pl_PL"), for numbers and dates in the sidebar. */
  locale(): string {
    return this.properties().locale;
  }

  /** Time zone and locale, cached or asked for together (one call). */
  private properties(): { timeZone: string; locale: string } {
    const { timeZone, locale } = this.cache.snapshot();
    if (timeZone && locale) return { timeZone, locale };
    const found = spreadsheetProperties(this.spreadsheetId());
    this.cache.updateSnapshot((snapshot) => {
      snapshot.timeZone = found.timeZone;
      snapshot.locale = found.locale;
    });
    return found;
  }

  /** The settings to use: each checked, a value the rules refuse replaced by its default. */
  settings(): Settings {
    return this.checkedSettings().values;
  }

  /** The settings typed in the tab that were replaced by their defaults, with what was used. */
  settingFallbacks(): SettingFallback[] {
    return this.checkedSettings().fallbacks;
  }

  private checked?: ReturnType<typeof resolveSettings>;

  /** The cache keeps the settings as typed; they are checked once per call. */
  private checkedSettings(): ReturnType<typeof resolveSettings> {
    if (this.checked) return this.checked;
    let typed = this.cache.snapshot().settings;
    if (!typed) {
      const read = this.readSettings();
      this.cache.updateSnapshot((snapshot) => {
        snapshot.settings = read;
      });
      typed = read;
    }
    this.checked = resolveSettings(typed);
    return this.checked;
  }

  /** One read of the Settings tab's first columns, header included; the tab read whole if laid out otherwise. */
  private readSettings(): Settings {
    let cells: ApiValue[][];
    try {
      const tab = ENTITIES.settings.tab;
      [cells] = batchGet(this.spreadsheetId(), [columnsA1(tab, HEADER_ROW, 1, SETTINGS_COLUMNS)]);
    } catch (error) {
      if (namesMissingTab(error, ENTITIES.settings.tab)) return settingsFrom(new Map(), []);
      throw error;
    }
    const [header = [], ...rows] = cells;
    const columns = mapColumns(ENTITIES.settings, header);
    if (!columns.has('key') || !columns.has('value')) return readSettings(this.spreadsheet);
    return settingsFrom(columns, rows);
  }

  tab(entity: EntityName): Tab {
    let tab = this.tabs.get(entity);
    if (!tab) {
      tab = new Tab(
        ENTITIES[entity],
        () => this.cache.snapshot().headers[entity],
        () => this.timeZone(),
      );
      this.tabs.set(entity, tab);
    }
    return tab;
  }

  /**
   * Reads, in one call, the ranges `plan` names for these tabs (planned from their layouts)
   * with the header rows not yet read in this call. A tab whose header moved its columns is
   * planned and read again (once). A missing tab is the user-facing "run Set up tabs" error.
   */
  read(entities: readonly EntityName[], plan: () => readonly string[]): ApiValue[][][] {
    for (let attempt = 0; ; attempt++) {
      const unverified = [...new Set(entities)].map((e) => this.tab(e)).filter((t) => !t.verified);
      unverified.forEach((tab) => tab.layout()); // what the plan assumes, to compare with
      const ranges = [...unverified.map((tab) => tab.headerA1()), ...plan()];
      let values: ApiValue[][][];
      try {
        const answer = batchGetRanges(this.spreadsheetId(), ranges);
        values = answer.values;
        this.noteGrids(ranges, answer.ranges);
      } catch (error) {
        const missing = entities.find((e) => namesMissingTab(error, ENTITIES[e].tab));
        throw missing ? missingTabError(ENTITIES[missing]) : error;
      }
      let moved = false;
      unverified.forEach((tab, i) => {
        const header = values[i]?.[0] ?? [];
        if (tab.acceptHeader(header)) moved = true;
        const texts = header.map((cell) => String(cell ?? ''));
        const cached = this.cache.snapshot().headers[tab.entity];
        if (!cached || cached.join('\u0000') !== texts.join('\u0000')) {
          this.cache.updateSnapshot((snapshot) => {
            snapshot.headers[tab.entity] = texts;
          });
        }
      });
      if (!moved || attempt > 0) return values.slice(unverified.length);
    }
  }

  /** Grid heights told by this call's reads of open ranges, by tab name. */
  private readonly grids = new Map<string, number>();

  private noteGrids(asked: readonly string[], answered: readonly string[]): void {
    asked.forEach((range, i) => {
      // An open range ("'Deals'!B2:B") comes back bounded by the grid.
      if (!/![A-Z]+\d+:[A-Z]+$/.test(range)) return;
      const tab = /^'((?:[^']|'')*)'!/.exec(range)?.[1]?.replace(/''/g, "'");
      const rows = lastRowOf(answered[i] ?? '');
      if (tab && rows !== undefined) this.grids.set(tab, rows);
    });
  }

  /**
   * Appends a record below its tab's table (one call); the row it went to. Past the end of
   * the grid Google adds the row, without the formats Set up tabs gave the others (a date
   * would show as a number): such rows get them here, with room for the next ones.
   */
  append(tab: Tab, values: RecordValues): number | undefined {
    const gridRows = this.gridRows(tab.spec.tab);
    const row = appendRow(this.spreadsheetId(), tab.appendA1(), tab.appendValues(values));
    if (row !== undefined && row > gridRows) this.formatNewRows(tab, row);
    return row;
  }

  /** A tab's grid height as it is now: from a read of this call, else one call for it. */
  private gridRows(tab: string): number {
    const seen = this.grids.get(tab);
    if (seen !== undefined) return seen;
    for (const [title, grid] of sheetGrids(this.spreadsheetId()))
      this.grids.set(title, grid.maxRows);
    return this.grids.get(tab) ?? 0;
  }

  /** Rows from `row` on get their columns' number formats, and room for the next records. */
  private formatNewRows(tab: Tab, row: number): void {
    const sheet = this.spreadsheet.getSheetByName(tab.spec.tab);
    if (!sheet) return;
    const maxRows = sheet.getMaxRows();
    sheet.insertRowsAfter(maxRows, GROWTH_ROWS);
    const count = maxRows + GROWTH_ROWS - row + 1;
    for (const block of tab.layout().blocks) {
      const formats = block.fields.map((field) => field.numberFormat);
      sheet
        .getRange(row, block.start + 1, count, block.fields.length)
        .setNumberFormats(Array.from({ length: count }, () => formats));
    }
    // SpreadsheetApp's changes are committed before the lock is released.
    SpreadsheetApp.flush();
    this.grids.set(tab.spec.tab, maxRows + GROWTH_ROWS);
  }

  /** Writes ranges in one RAW batchUpdate. */
  write(writes: readonly ValuesWrite[]): void {
    batchUpdate(this.spreadsheetId(), writes);
  }

  /** Keeps what this call learnt for the next (one cache call at most). */
  persist(): void {
    this.cache.persist();
  }
}

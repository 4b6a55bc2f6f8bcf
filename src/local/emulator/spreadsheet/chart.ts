/**
 * Embedded charts: EmbeddedChartBuilder (Sheet.newChart, EmbeddedChart.modify),
 * EmbeddedChart, ContainerInfo and ChartOptions, and the chart bookkeeping behind
 * Sheet.insertChart / getCharts / updateChart / removeChart.
 *
 * A built EmbeddedChart is a value: changing a builder after build(), or the sheet after
 * getCharts(), does not change it. Nothing reaches the sheet until Sheet.insertChart or
 * Sheet.updateChart is called with it.
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
 * https://developers.google.com/apps-script/reference/spreadsheet/container-info
 * https://developers.google.com/apps-script/reference/charts/chart-options
 */
import { randomInt } from 'node:crypto';
import {
  ChartHiddenDimensionStrategy,
  ChartMergeStrategy,
  ChartType,
  type ChartTypeName,
} from '../services/charts';
import type { ChartState, JsonValue, SheetState, WorkbookState } from '../state';
import { parseA1 } from './a1';
import type { SheetsContext } from './context';
import { shiftA1Range } from './grid';
import { Range } from './range';

/** A chart being built or held by a script: a ChartState whose id is null until inserted. */
export type ChartDraft = Omit<ChartState, 'chartId'> & { chartId: number | null };
type RangeRef = ChartState['ranges'][number];

/** What sheet.newChart() starts from. */
export function newChartDraft(): ChartDraft {
  return {
    chartId: null,
    chartType: null,
    ranges: [],
    options: {},
    // Not documented for a builder that never gets setPosition: the emulator anchors such
    // a chart at A1 with no offset.
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    // "Negative values cause headers to be auto-detected" (setNumHeaders); Sheets detects
    // headers unless told otherwise.
    numHeaders: -1,
    transposeRowsAndColumns: false,
    hiddenDimensionStrategy: ChartHiddenDimensionStrategy.IGNORE_ROWS,
    mergeStrategy: ChartMergeStrategy.MERGE_COLUMNS,
  };
}

function argumentType(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Range) return 'SpreadsheetApp.Range';
  if (value instanceof EmbeddedChart) return 'SpreadsheetApp.EmbeddedChart';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'string') return 'String';
  return 'Object';
}

/** Apps Script's error for arguments of the wrong types (trailing omitted ones dropped). */
function signatureError(method: string, args: unknown[]): Error {
  const given = [...args];
  while (given.length > 0 && given[given.length - 1] === undefined) given.pop();
  return new Error(
    `The parameters (${given.map(argumentType).join(',')}) don't match the method signature for SpreadsheetApp.${method}.`,
  );
}

function notImplemented(method: string, hint: string): Error {
  return new Error(`${method} is not implemented in the local runtime; ${hint}`);
}

function enumName<T extends Record<string, string>>(
  values: T,
  value: unknown,
  method: string,
): keyof T & string {
  if (typeof value === 'string' && Object.hasOwn(values, value)) return value;
  throw signatureError(method, [value]);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Options live in the workbook file: stored as JSON (a Date becomes its ISO string). */
function jsonCopy(value: unknown): JsonValue {
  const text = value === undefined ? undefined : JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

function cloneDraft(draft: ChartDraft): ChartDraft {
  return structuredClone(draft);
}

function refOf(range: Range): RangeRef {
  const withSheet = range.getA1NotationWithSheet();
  // The A1 part never contains '!'; a quoted sheet name before it may.
  return { sheetId: range.sheetState.sheetId, a1: withSheet.slice(withSheet.lastIndexOf('!') + 1) };
}

/** Same sheet and same cells ('B2' and 'B2:B2' are the same range). */
function sameRef(a: RangeRef, b: RangeRef): boolean {
  if (a.sheetId !== b.sheetId) return false;
  const pa = parseA1(a.a1);
  const pb = parseA1(b.a1);
  return (
    !!pa &&
    !!pb &&
    pa.startRow === pb.startRow &&
    pa.startColumn === pb.startColumn &&
    pa.endRow === pb.endRow &&
    pa.endColumn === pb.endColumn
  );
}

/** Ranges whose sheet has been deleted no longer resolve and are left out. */
function resolveRanges(ctx: SheetsContext, refs: RangeRef[]): Range[] {
  const ranges: Range[] = [];
  for (const ref of refs) {
    const sheet = ctx.state.sheets.find((s) => s.sheetId === ref.sheetId);
    const range = sheet ? ctx.rangeFromA1(ref.a1, sheet) : null;
    if (range) ranges.push(range);
  }
  return ranges;
}

export class ContainerInfo {
  constructor(
    private readonly ctx: SheetsContext,
    private readonly position: ChartState['position'],
  ) {}

  private call(method: string): void {
    this.ctx.host.call('ContainerInfo', method);
  }

  getAnchorColumn(): number {
    this.call('getAnchorColumn');
    return this.position.anchorColumn;
  }

  getAnchorRow(): number {
    this.call('getAnchorRow');
    return this.position.anchorRow;
  }

  getOffsetX(): number {
    this.call('getOffsetX');
    return this.position.offsetX;
  }

  getOffsetY(): number {
    this.call('getOffsetY');
    return this.position.offsetY;
  }
}

/** Immutable: get() hands out copies. */
export class ChartOptions {
  constructor(
    private readonly ctx: SheetsContext,
    private readonly options: Record<string, JsonValue>,
  ) {}

  /** The value set for the option, or null if it was not set. */
  get(option: string): JsonValue {
    this.ctx.host.call('ChartOptions', 'get');
    const key = String(option);
    return Object.hasOwn(this.options, key) ? structuredClone(this.options[key]) : null;
  }

  getOrDefault(option: string): never {
    this.ctx.host.call('ChartOptions', 'getOrDefault');
    void option;
    throw notImplemented(
      'ChartOptions.getOrDefault',
      "Google's chart defaults are not modelled: use get().",
    );
  }
}

export class EmbeddedChart {
  constructor(
    private readonly ctx: SheetsContext,
    /** For Sheet.insertChart/updateChart; scripts use the methods below. */
    readonly draft: ChartDraft,
  ) {}

  private call(method: string): void {
    this.ctx.host.call('EmbeddedChart', method);
  }

  /** Null until the chart is on a sheet: a built chart is not in the spreadsheet yet. */
  getChartId(): number | null {
    this.call('getChartId');
    return this.draft.chartId;
  }

  getContainerInfo(): ContainerInfo {
    this.call('getContainerInfo');
    return new ContainerInfo(this.ctx, { ...this.draft.position });
  }

  getRanges(): Range[] {
    this.call('getRanges');
    return resolveRanges(this.ctx, this.draft.ranges);
  }

  getOptions(): ChartOptions {
    this.call('getOptions');
    return new ChartOptions(this.ctx, structuredClone(this.draft.options));
  }

  getNumHeaders(): number {
    this.call('getNumHeaders');
    return this.draft.numHeaders;
  }

  getTransposeRowsAndColumns(): boolean {
    this.call('getTransposeRowsAndColumns');
    return this.draft.transposeRowsAndColumns;
  }

  getHiddenDimensionStrategy(): string {
    this.call('getHiddenDimensionStrategy');
    return this.draft.hiddenDimensionStrategy;
  }

  getMergeStrategy(): string {
    this.call('getMergeStrategy');
    return this.draft.mergeStrategy;
  }

  /** Charts built with newChart() are never data source charts. */
  asDataSourceChart(): null {
    this.call('asDataSourceChart');
    return null;
  }

  /** A builder for a changed copy; Sheet.updateChart(chart) saves it. */
  modify(): EmbeddedChartBuilder {
    this.call('modify');
    return new EmbeddedChartBuilder(this.ctx, cloneDraft(this.draft));
  }

  getAs(contentType: string): never {
    this.call('getAs');
    void contentType;
    throw notImplemented('EmbeddedChart.getAs', 'the emulator does not render charts.');
  }

  getBlob(): never {
    this.call('getBlob');
    throw notImplemented('EmbeddedChart.getBlob', 'the emulator does not render charts.');
  }
}

const TYPED_BUILDERS = {
  asAreaChart: 'AREA',
  asBarChart: 'BAR',
  asColumnChart: 'COLUMN',
  asComboChart: 'COMBO',
  asHistogramChart: 'HISTOGRAM',
  asLineChart: 'LINE',
  asPieChart: 'PIE',
  asScatterChart: 'SCATTER',
  asTableChart: 'TABLE',
} as const;

export class EmbeddedChartBuilder {
  constructor(
    private readonly ctx: SheetsContext,
    private readonly draft: ChartDraft,
  ) {}

  private call(method: string): void {
    this.ctx.host.call('EmbeddedChartBuilder', method);
  }

  private rangeArgument(method: string, range: unknown): RangeRef {
    if (!(range instanceof Range)) throw signatureError(`EmbeddedChartBuilder.${method}`, [range]);
    return refOf(range);
  }

  /** Ranges may be on any sheet; a range already added is not added again. */
  addRange(range: Range): EmbeddedChartBuilder {
    this.call('addRange');
    const ref = this.rangeArgument('addRange', range);
    if (!this.draft.ranges.some((r) => sameRef(r, ref))) this.draft.ranges.push(ref);
    return this;
  }

  /** Only a range equal to an added one is removed; anything else is silently ignored. */
  removeRange(range: Range): EmbeddedChartBuilder {
    this.call('removeRange');
    const ref = this.rangeArgument('removeRange', range);
    this.draft.ranges = this.draft.ranges.filter((r) => !sameRef(r, ref));
    return this;
  }

  clearRanges(): EmbeddedChartBuilder {
    this.call('clearRanges');
    this.draft.ranges = [];
    return this;
  }

  /** A copy: changing the array does not change the builder. */
  getRanges(): Range[] {
    this.call('getRanges');
    return resolveRanges(this.ctx, this.draft.ranges);
  }

  setChartType(type: GoogleAppsScript.Charts.ChartType): EmbeddedChartBuilder {
    this.call('setChartType');
    this.draft.chartType = enumName(ChartType, type, 'EmbeddedChartBuilder.setChartType');
    return this;
  }

  /** Null when setChartType was never called. */
  getChartType(): ChartTypeName | null {
    this.call('getChartType');
    return this.draft.chartType as ChartTypeName | null;
  }

  /** Not validated against the chart type, as documented. */
  // value is Object in @types: any option value.
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this.call('setOption');
    if (typeof option !== 'string') {
      throw signatureError('EmbeddedChartBuilder.setOption', [option, value]);
    }
    this.draft.options[option] = jsonCopy(value);
    return this;
  }

  /** anchorRowPos and anchorColPos are 1-based; offsets in pixels. */
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): EmbeddedChartBuilder {
    this.call('setPosition');
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (!args.every(isNumber)) throw signatureError('EmbeddedChartBuilder.setPosition', args);
    const [anchorRow, anchorColumn, x, y] = args.map(Math.trunc);
    this.draft.position = { anchorRow, anchorColumn, offsetX: x, offsetY: y };
    return this;
  }

  getContainer(): ContainerInfo {
    this.call('getContainer');
    return new ContainerInfo(this.ctx, { ...this.draft.position });
  }

  setNumHeaders(headers: number): EmbeddedChartBuilder {
    this.call('setNumHeaders');
    if (!isNumber(headers)) throw signatureError('EmbeddedChartBuilder.setNumHeaders', [headers]);
    this.draft.numHeaders = Math.trunc(headers);
    return this;
  }

  setTransposeRowsAndColumns(transpose: boolean): EmbeddedChartBuilder {
    this.call('setTransposeRowsAndColumns');
    if (typeof transpose !== 'boolean') {
      throw signatureError('EmbeddedChartBuilder.setTransposeRowsAndColumns', [transpose]);
    }
    this.draft.transposeRowsAndColumns = transpose;
    return this;
  }

  setHiddenDimensionStrategy(
    strategy: GoogleAppsScript.Charts.ChartHiddenDimensionStrategy,
  ): EmbeddedChartBuilder {
    this.call('setHiddenDimensionStrategy');
    this.draft.hiddenDimensionStrategy = enumName(
      ChartHiddenDimensionStrategy,
      strategy,
      'EmbeddedChartBuilder.setHiddenDimensionStrategy',
    );
    return this;
  }

  setMergeStrategy(
    mergeStrategy: GoogleAppsScript.Charts.ChartMergeStrategy,
  ): EmbeddedChartBuilder {
    this.call('setMergeStrategy');
    this.draft.mergeStrategy = enumName(
      ChartMergeStrategy,
      mergeStrategy,
      'EmbeddedChartBuilder.setMergeStrategy',
    );
    return this;
  }

  /**
   * Does not put the chart on the sheet: Sheet.insertChart (new) or Sheet.updateChart
   * (from modify()) does. Google documents nothing that build() requires; the reference's
   * own setOption example builds a chart with no range, type or position.
   */
  build(): EmbeddedChart {
    this.call('build');
    return new EmbeddedChart(this.ctx, cloneDraft(this.draft));
  }

  asAreaChart(): never {
    return this.typedBuilder('asAreaChart');
  }
  asBarChart(): never {
    return this.typedBuilder('asBarChart');
  }
  asColumnChart(): never {
    return this.typedBuilder('asColumnChart');
  }
  asComboChart(): never {
    return this.typedBuilder('asComboChart');
  }
  asHistogramChart(): never {
    return this.typedBuilder('asHistogramChart');
  }
  asLineChart(): never {
    return this.typedBuilder('asLineChart');
  }
  asPieChart(): never {
    return this.typedBuilder('asPieChart');
  }
  asScatterChart(): never {
    return this.typedBuilder('asScatterChart');
  }
  asTableChart(): never {
    return this.typedBuilder('asTableChart');
  }

  /**
   * The typed builders (EmbeddedColumnChartBuilder, …) carry dozens of styling methods
   * each; rather than half of them, none: they throw and say what to use instead.
   */
  private typedBuilder(method: keyof typeof TYPED_BUILDERS): never {
    this.call(method);
    throw notImplemented(
      `EmbeddedChartBuilder.${method}()`,
      `use setChartType(Charts.ChartType.${TYPED_BUILDERS[method]}) and setOption(…).`,
    );
  }
}

function allCharts(state: WorkbookState): ChartState[] {
  return state.sheets.flatMap((sheet) => sheet.charts ?? []);
}

/** Sheets' chart ids are large positive integers unique in the spreadsheet. */
function newChartId(state: WorkbookState): number {
  const used = new Set(allCharts(state).map((chart) => chart.chartId));
  let id: number;
  do id = randomInt(1, 2 ** 31 - 1);
  while (used.has(id));
  return id;
}

function chartArgument(method: string, chart: unknown): ChartDraft {
  if (!(chart instanceof EmbeddedChart)) throw signatureError(`Sheet.${method}`, [chart]);
  return chart.draft;
}

/**
 * Checks a Sheet.insertChart argument and returns the state to store. A chart that is
 * already in the spreadsheet (from getCharts or modify().build()) cannot be inserted again:
 * the Sheets API refuses an embedded object whose id exists, and Sheet.updateChart is the
 * documented way to change it. Google gives no message for it; this one is the emulator's.
 */
export function chartToInsert(state: WorkbookState, chart: unknown): ChartState {
  const draft = chartArgument('insertChart', chart);
  if (draft.chartId !== null && allCharts(state).some((c) => c.chartId === draft.chartId)) {
    throw new Error(
      `The chart ${draft.chartId} is already in the spreadsheet; use Sheet.updateChart to change it.`,
    );
  }
  return { ...cloneDraft(draft), chartId: draft.chartId ?? newChartId(state) };
}

/**
 * Where the chart (by id) is on this sheet, for updateChart/removeChart. Google documents
 * no message for a chart that is not on the sheet (never inserted, removed, or on another
 * sheet); this one is the emulator's.
 */
export function chartIndexOnSheet(sheet: SheetState, chart: unknown, method: string): number {
  const draft = chartArgument(method, chart);
  const index = (sheet.charts ?? []).findIndex((c) => c.chartId === draft.chartId);
  if (draft.chartId === null || index < 0) {
    throw new Error(`Sheet.${method}: this chart is not on the sheet "${sheet.name}".`);
  }
  return index;
}

/** The state updateChart stores: the chart as built, keeping its id. */
export function chartToStore(chart: EmbeddedChart): ChartState {
  const draft = cloneDraft(chart.draft);
  return { ...draft, chartId: draft.chartId! };
}

export function chartsOnSheet(ctx: SheetsContext, sheet: SheetState): EmbeddedChart[] {
  return (sheet.charts ?? []).map((chart) => new EmbeddedChart(ctx, cloneDraft(chart)));
}

function shiftAnchor(anchor: number, at: number, count: number, insert: boolean, max: number) {
  if (anchor < at) return anchor;
  if (insert) return anchor + count;
  if (anchor >= at + count) return anchor - count;
  // Its row/column was deleted: the chart stays where the next one moved up to.
  return Math.max(1, Math.min(at, max));
}

/**
 * Rows or columns inserted or deleted on `sheet` (after the grid changed): ranges on it
 * move like any reference in Sheets (a range whose cells are all deleted is dropped), and
 * charts anchored on it move with their anchor cell, wherever the data is.
 */
export function shiftCharts(
  state: WorkbookState,
  sheet: SheetState,
  axis: 'row' | 'column',
  at: number,
  count: number,
  insert: boolean,
): void {
  for (const chart of allCharts(state)) {
    chart.ranges = chart.ranges.flatMap((ref) => {
      if (ref.sheetId !== sheet.sheetId) return [ref];
      const moved = shiftA1Range(ref.a1, axis, at, count, insert);
      return moved === null ? [] : [{ sheetId: ref.sheetId, a1: moved }];
    });
  }
  const key = axis === 'row' ? 'anchorRow' : 'anchorColumn';
  const max = axis === 'row' ? sheet.maxRows : sheet.maxColumns;
  for (const chart of sheet.charts ?? []) {
    chart.position[key] = shiftAnchor(chart.position[key], at, count, insert, max);
  }
}

/**
 * Embedded charts as Google documents them: Sheet.newChart → EmbeddedChartBuilder →
 * build() → Sheet.insertChart; getCharts, modify() + updateChart, removeChart.
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../../src/local/runtime';
import { loadWorkbook, saveWorkbook } from '../../../src/local/workbook-file';
import { newWorkbookState } from '../../../src/local/emulator/state';
import {
  ChartHiddenDimensionStrategy,
  ChartMergeStrategy,
  ChartType,
} from '../../../src/local/emulator/services/charts';
import { chartViews } from '../../../src/local/emulator/spreadsheet/chart-view';
import { setup } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-charts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Dashboard shape: a month/revenue table and a column chart of it. */
function revenueSheet() {
  const env = setup();
  const { sheet } = env;
  sheet.setName('Dashboard');
  sheet.getRange('A20:B22').setValues([
    ['Month', 'Revenue'],
    ['Jan', 100],
    ['Feb', 250],
  ]);
  return env;
}

// The script passes enum values; @types declares them as numeric enums, ours are names.
const COLUMN = ChartType.COLUMN as unknown as GoogleAppsScript.Charts.ChartType;
const LINE = ChartType.LINE as unknown as GoogleAppsScript.Charts.ChartType;

describe('Sheet.newChart and EmbeddedChartBuilder', () => {
  it('builds a chart that reaches the sheet only through insertChart', () => {
    const { sheet } = revenueSheet();
    const chart = sheet
      .newChart()
      .addRange(sheet.getRange('A20:B22'))
      .setChartType(COLUMN)
      .setOption('title', 'Revenue by month')
      .setPosition(2, 4, 10, 20)
      .build();
    expect(sheet.getCharts()).toEqual([]);
    expect(chart.getChartId()).toBeNull();
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    expect(stored.getChartId()).toEqual(expect.any(Number));
    expect(stored.getChartId()).toBe(sheet.getCharts()[0].getChartId());
    expect(stored.modify().getChartType()).toBe('COLUMN');
    expect(stored.getRanges().map((r) => r.getA1Notation())).toEqual(['A20:B22']);
    expect(stored.getOptions().get('title')).toBe('Revenue by month');
    const info = stored.getContainerInfo();
    expect([
      info.getAnchorRow(),
      info.getAnchorColumn(),
      info.getOffsetX(),
      info.getOffsetY(),
    ]).toEqual([2, 4, 10, 20]);
  });

  it('builds with nothing set, with documented defaults', () => {
    const { sheet } = setup();
    // The reference's own setOption example builds a chart with no range, type or position.
    const chart = sheet.newChart().build();
    expect(chart.getRanges()).toEqual([]);
    expect(chart.modify().getChartType()).toBeNull();
    expect(chart.getNumHeaders()).toBeLessThan(0); // negative: headers auto-detected
    expect(chart.getTransposeRowsAndColumns()).toBe(false);
    expect(chart.getHiddenDimensionStrategy()).toBe(ChartHiddenDimensionStrategy.IGNORE_ROWS);
    expect(chart.getMergeStrategy()).toBe(ChartMergeStrategy.MERGE_COLUMNS);
    expect(chart.getContainerInfo().getAnchorRow()).toBe(1);
    expect(chart.getContainerInfo().getAnchorColumn()).toBe(1);
    // In the reference, not yet in @types.
    const asDataSource = (chart as unknown as { asDataSourceChart(): unknown }).asDataSourceChart;
    expect(asDataSource.call(chart)).toBeNull();
    sheet.insertChart(chart);
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it('adds a range once, removes only an equal range, and clears them all', () => {
    const { sheet } = revenueSheet();
    const builder = sheet
      .newChart()
      .addRange(sheet.getRange('A20:A22'))
      .addRange(sheet.getRange('B20:B22'))
      .addRange(sheet.getRange('A20:A22'));
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['A20:A22', 'B20:B22']);
    // A part of an added range, or a range never added: no change and no error.
    builder.removeRange(sheet.getRange('A20:A21')).removeRange(sheet.getRange('C1'));
    expect(builder.getRanges()).toHaveLength(2);
    // Another Range object for the same cells does remove it.
    builder.removeRange(sheet.getRange('A20:A22'));
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['B20:B22']);
    builder.getRanges().pop();
    expect(builder.getRanges()).toHaveLength(1);
    builder.clearRanges();
    expect(builder.getRanges()).toEqual([]);
    expect(() =>
      builder.addRange('A1:B2' as unknown as GoogleAppsScript.Spreadsheet.Range),
    ).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.",
    );
  });

  it('takes data ranges from other sheets and follows them across a rename', () => {
    const { sheet, ss } = setup();
    const data = ss.insertSheet('Revenue');
    data.getRange('A1:B2').setValues([
      ['Month', 'Revenue'],
      ['Jan', 100],
    ]);
    sheet.insertChart(sheet.newChart().addRange(data.getRange('A1:B2')).build());
    data.setName('Revenue 2026');
    const [range] = sheet.getCharts()[0].getRanges();
    expect(range.getSheet().getName()).toBe('Revenue 2026');
    expect(range.getA1Notation()).toBe('A1:B2');
    ss.deleteSheet(data);
    expect(sheet.getCharts()[0].getRanges()).toEqual([]);
  });

  it('accepts only Charts enum values for the chart type and strategies', () => {
    const { sheet } = setup();
    const builder = sheet.newChart().setChartType(LINE);
    expect(builder.getChartType()).toBe(ChartType.LINE);
    expect(() =>
      builder.setChartType('column' as unknown as GoogleAppsScript.Charts.ChartType),
    ).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setChartType.",
    );
    const chart = builder
      .setMergeStrategy(
        ChartMergeStrategy.MERGE_ROWS as unknown as GoogleAppsScript.Charts.ChartMergeStrategy,
      )
      .setHiddenDimensionStrategy(
        ChartHiddenDimensionStrategy.SHOW_BOTH as unknown as GoogleAppsScript.Charts.ChartHiddenDimensionStrategy,
      )
      .setNumHeaders(1)
      .setTransposeRowsAndColumns(true)
      .build();
    expect(chart.getMergeStrategy()).toBe('MERGE_ROWS');
    expect(chart.getHiddenDimensionStrategy()).toBe('SHOW_BOTH');
    expect(chart.getNumHeaders()).toBe(1);
    expect(chart.getTransposeRowsAndColumns()).toBe(true);
    expect(() => builder.setPosition('2' as unknown as number, 1, 0, 0)).toThrow(
      "The parameters (String,number,number,number) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setPosition.",
    );
  });

  it('stores options as given, unvalidated, and hands out immutable copies', () => {
    const { sheet } = setup();
    const legend = { position: 'top', textStyle: { color: 'blue', fontSize: 16 } };
    const builder = sheet
      .newChart()
      .setOption('legend', legend)
      .setOption('animation.duration', 500)
      .setOption('no.such.option', true);
    legend.position = 'bottom';
    const options = builder.build().getOptions();
    expect(options.get('legend')).toEqual({
      position: 'top',
      textStyle: { color: 'blue', fontSize: 16 },
    });
    (options.get('legend') as { position: string }).position = 'left';
    expect((options.get('legend') as { position: string }).position).toBe('top');
    expect(options.get('animation.duration')).toBe(500);
    expect(options.get('no.such.option')).toBe(true);
    expect(options.get('title')).toBeNull();
  });

  it('leaves a built chart unchanged when the builder changes afterwards', () => {
    const { sheet } = setup();
    const builder = sheet.newChart().setOption('title', 'one');
    const chart = builder.build();
    builder.setOption('title', 'two').setPosition(9, 9, 0, 0);
    expect(chart.getOptions().get('title')).toBe('one');
    expect(chart.getContainerInfo().getAnchorRow()).toBe(1);
  });

  it('has no typed builders or images: they say what to use instead', () => {
    const { sheet } = setup();
    expect(() => sheet.newChart().asColumnChart()).toThrow(
      'EmbeddedChartBuilder.asColumnChart() is not implemented in the local runtime; use setChartType(Charts.ChartType.COLUMN) and setOption(…).',
    );
    expect(() => sheet.newChart().build().getBlob()).toThrow(/not implemented/);
  });
});

describe('modify, updateChart and removeChart', () => {
  function withChart() {
    const env = revenueSheet();
    env.sheet.insertChart(
      env.sheet
        .newChart()
        .addRange(env.sheet.getRange('A20:B22'))
        .setChartType(COLUMN)
        .setOption('title', 'Revenue by month')
        .build(),
    );
    return env;
  }

  it('saves modify() changes only on updateChart, keeping the chart id', () => {
    const { sheet } = withChart();
    const before = sheet.getCharts()[0];
    const changed = before.modify().setChartType(LINE).setPosition(5, 5, 0, 0).build();
    expect(sheet.getCharts()[0].modify().getChartType()).toBe('COLUMN');
    expect(changed.getChartId()).toBe(before.getChartId());
    sheet.updateChart(changed);
    const [after] = sheet.getCharts();
    expect(after.getChartId()).toBe(before.getChartId());
    expect(after.modify().getChartType()).toBe('LINE');
    expect(after.getContainerInfo().getAnchorRow()).toBe(5);
    expect(after.getOptions().get('title')).toBe('Revenue by month');
    // A chart from getCharts is a snapshot.
    expect(before.modify().getChartType()).toBe('COLUMN');
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it('inserts a new chart per insertChart but refuses one already in the spreadsheet', () => {
    const { sheet } = withChart();
    const chart = sheet.newChart().build();
    sheet.insertChart(chart);
    sheet.insertChart(chart);
    const ids = sheet.getCharts().map((c) => c.getChartId());
    expect(new Set(ids).size).toBe(3);
    expect(() => sheet.insertChart(sheet.getCharts()[0])).toThrow(/already in the spreadsheet/);
    expect(() => sheet.insertChart(sheet.getCharts()[0].modify().build())).toThrow(
      /use Sheet.updateChart/,
    );
    expect(sheet.getCharts()).toHaveLength(3);
  });

  it('removes a chart from its sheet; other sheets and unknown charts are refused', () => {
    const { sheet, ss } = withChart();
    const other = ss.insertSheet('Other');
    const [chart] = sheet.getCharts();
    expect(() => other.removeChart(chart)).toThrow('this chart is not on the sheet "Other"');
    expect(() => other.updateChart(chart)).toThrow('this chart is not on the sheet "Other"');
    expect(() => sheet.updateChart(sheet.newChart().build())).toThrow(/not on the sheet/);
    sheet.removeChart(chart);
    expect(sheet.getCharts()).toEqual([]);
    expect(() => sheet.removeChart(chart)).toThrow(/not on the sheet "Dashboard"/);
    expect(() =>
      sheet.removeChart('x' as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart),
    ).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.removeChart.",
    );
  });

  it('keeps charts through clear() and clearContents(): they clear cells only', () => {
    const { sheet } = withChart();
    sheet.clear();
    sheet.clearContents();
    expect(sheet.getCharts()).toHaveLength(1);
    expect(sheet.getRange('B21').getValue()).toBe('');
  });

  it('moves ranges and anchors with inserted and deleted rows and columns', () => {
    const { sheet, ss } = withChart();
    const summary = ss.insertSheet('Summary');
    summary.insertChart(summary.newChart().addRange(sheet.getRange('B20:B22')).build());
    sheet.updateChart(sheet.getCharts()[0].modify().setPosition(25, 3, 0, 0).build());

    sheet.insertRowsBefore(1, 5);
    sheet.insertColumnsBefore(1, 1);
    const chart = sheet.getCharts()[0];
    expect(chart.getRanges().map((r) => r.getA1Notation())).toEqual(['B25:C27']);
    expect(chart.getContainerInfo().getAnchorRow()).toBe(30);
    expect(chart.getContainerInfo().getAnchorColumn()).toBe(4);
    expect(summary.getCharts()[0].getRanges()[0].getA1Notation()).toBe('C25:C27');

    sheet.deleteRows(26, 1);
    expect(sheet.getCharts()[0].getRanges()[0].getA1Notation()).toBe('B25:C26');
    expect(sheet.getCharts()[0].getContainerInfo().getAnchorRow()).toBe(29);
    sheet.deleteColumn(3);
    expect(summary.getCharts()[0].getRanges()).toEqual([]);
    expect(sheet.getCharts()[0].getRanges()[0].getA1Notation()).toBe('B25:B26');
    // The anchor row itself deleted: the chart stays where the next row moved up to.
    sheet.deleteRows(29, 2);
    expect(sheet.getCharts()[0].getContainerInfo().getAnchorRow()).toBe(29);
  });
});

describe('call counting, locks and authorization', () => {
  it('counts every chart method through the host', () => {
    const { sheet, host } = revenueSheet();
    const chart = sheet.newChart().addRange(sheet.getRange('A20:B22')).build();
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    stored.getOptions().get('title');
    stored.getContainerInfo().getAnchorRow();
    sheet.updateChart(stored.modify().build());
    sheet.removeChart(stored);
    const expected: Record<string, number> = {
      'Sheet.newChart': 1,
      'EmbeddedChartBuilder.addRange': 1,
      'EmbeddedChartBuilder.build': 2,
      'Sheet.insertChart': 1,
      'Sheet.getCharts': 1,
      'EmbeddedChart.getOptions': 1,
      'ChartOptions.get': 1,
      'EmbeddedChart.getContainerInfo': 1,
      'ContainerInfo.getAnchorRow': 1,
      'EmbeddedChart.modify': 1,
      'Sheet.updateChart': 1,
      'Sheet.removeChart': 1,
    };
    for (const [call, times] of Object.entries(expected))
      expect(host.count(call), call).toBe(times);
    expect(host.writes.slice(-3)).toEqual([
      'Sheet.insertChart on Dashboard',
      'Sheet.updateChart on Dashboard',
      'Sheet.removeChart on Dashboard',
    ]);
  });

  it('guards insert, update and remove with the write check, changing nothing when refused', () => {
    const { sheet, host, state } = revenueSheet();
    sheet.insertChart(sheet.newChart().setOption('title', 'kept').build());
    const [chart] = sheet.getCharts();
    host.refuseWrites = 'Strict-lock mode: no lock';
    expect(() => sheet.insertChart(sheet.newChart().build())).toThrow('no lock');
    expect(() => sheet.updateChart(chart.modify().setOption('title', 'lost').build())).toThrow(
      'no lock',
    );
    expect(() => sheet.removeChart(chart)).toThrow('no lock');
    expect(state.sheets[0].charts).toHaveLength(1);
    expect(state.sheets[0].charts![0].options.title).toBe('kept');
    // Building and reading are not writes.
    expect(sheet.newChart().build().getChartId()).toBeNull();
  });
});

describe('the workbook file', () => {
  it('keeps charts across save and load', () => {
    const state = newWorkbookState({ id: 'wb-charts' });
    const { sheet } = setup({ state });
    sheet.insertChart(
      sheet
        .newChart()
        .addRange(sheet.getRange('A1:B5'))
        .setChartType(COLUMN)
        .setOption('title', 'Revenue by month')
        .setOption('vAxis', { format: '#,##0', minValue: 0 })
        .setPosition(7, 2, 5, 5)
        .build(),
    );
    const path = join(dir, 'charts.json');
    saveWorkbook(path, state);
    const loaded = loadWorkbook(path);
    expect(loaded).toEqual(JSON.parse(JSON.stringify(state)));
    const [chart] = setup({ state: loaded }).sheet.getCharts();
    expect(chart.getChartId()).toBe(state.sheets[0].charts![0].chartId);
    expect(chart.getOptions().get('vAxis')).toEqual({ format: '#,##0', minValue: 0 });
    expect(chart.getRanges()[0].getA1Notation()).toBe('A1:B5');
  });

  it('loads files written before charts existed, and refuses a malformed chart', () => {
    const old = newWorkbookState({ id: 'old' });
    const path = join(dir, 'old.json');
    writeFileSync(path, JSON.stringify(old));
    expect(loadWorkbook(path).sheets[0].charts).toBeUndefined();
    const { sheet } = setup({ state: loadWorkbook(path) });
    expect(sheet.getCharts()).toEqual([]);

    const bad = JSON.parse(JSON.stringify(old));
    bad.sheets[0].charts = [{ chartId: 'x' }];
    writeFileSync(path, JSON.stringify(bad));
    expect(() => loadWorkbook(path)).toThrow(/not a Kartoteka workbook: sheets\.0\.charts\.0/);
  });
});

describe('in the runtime', () => {
  const probe = join(dir, 'probe.js');
  writeFileSync(
    probe,
    `
function dashboard(locked) {
  var lock = LockService.getDocumentLock();
  if (locked) lock.waitLock(1000);
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  sheet.getRange('A1:B3').setValues([['Month', 'Revenue'], ['Jan', 1], ['Feb', 2]]);
  sheet.getCharts().forEach(function (c) { sheet.removeChart(c); });
  sheet.insertChart(sheet.newChart()
    .addRange(sheet.getRange('A1:B3'))
    .setChartType(Charts.ChartType.COLUMN)
    .setOption('title', 'Revenue by month')
    .setOption('legend', { position: 'none' })
    .setPosition(5, 1, 0, 0)
    .build());
  var chart = sheet.getCharts()[0];
  return [String(chart.modify().getChartType()), chart.getOptions().get('legend').position,
    sheet.getCharts().length];
}
function chartOnly() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var chart = sheet.newChart().addRange(sheet.getRange('A1:B3')).build();
  sheet.insertChart(chart);
}
`,
  );

  it('gives scripts the Charts enums and counts chart calls as Spreadsheet calls', () => {
    const runtime = createRuntime({ codePath: probe });
    const result = runtime.run('dashboard', [true]);
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual(['COLUMN', 'none', 1]);
    expect(result.counts.byMethod).toMatchObject({
      'Sheet.newChart': 1,
      'EmbeddedChartBuilder.setOption': 2,
      'Sheet.insertChart': 1,
    });
    expect(result.counts.spreadsheetCalls).toBeGreaterThanOrEqual(12);
    // Run again: the old chart is removed, so there is still one.
    expect(runtime.run('dashboard', [true]).value).toEqual(['COLUMN', 'none', 1]);
  });

  it("refuses an unlocked insertChart in strictLocks 'always'", () => {
    const runtime = createRuntime({ codePath: probe, strictLocks: 'always' });
    const result = runtime.run('chartOnly');
    expect(result.error?.message).toMatch(/Sheet.insertChart on Sheet1 was written without/);
    expect(runtime.state.sheets[0].charts).toBeUndefined();
  });
});

describe('what the grid page shows of the charts of a sheet', () => {
  it('names each chart and reads categories and series from its ranges', () => {
    const { sheet, ss, state } = revenueSheet();
    const costs = ss.insertSheet('Costs');
    costs.getRange('A1:A3').setValues([['Costs'], [40], [60]]);
    sheet.insertChart(
      sheet
        .newChart()
        .addRange(sheet.getRange('A20:B22'))
        .addRange(costs.getRange('A1:A3'))
        .setChartType(COLUMN)
        .setOption('title', 'Revenue by month')
        .setPosition(2, 5, 0, 0)
        .build(),
    );
    sheet.insertChart(
      sheet.newChart().addRange(sheet.getRange('B21:B22')).setNumHeaders(0).build(),
    );
    const [revenue, bare] = chartViews(state, state.sheets[0]);
    expect(revenue).toMatchObject({
      title: 'Revenue by month',
      type: 'COLUMN',
      ranges: ['A20:B22', 'Costs!A1:A3'],
      anchor: 'E2',
      labels: ['Jan', 'Feb'],
      series: [
        { name: 'Revenue', values: [100, 250] },
        { name: 'Costs', values: [40, 60] },
      ],
    });
    expect(bare).toMatchObject({
      title: '',
      type: null,
      anchor: 'A1',
      labels: ['1', '2'],
      series: [{ name: 'Series 1', values: [100, 250] }],
    });
  });

  it('transposes when asked and marks ranges whose sheet is gone', () => {
    const { sheet, ss, state } = revenueSheet();
    const other = ss.insertSheet('Other');
    other.getRange('A1:C2').setValues([
      ['', 'Jan', 'Feb'],
      ['Revenue', 1, 2],
    ]);
    sheet.insertChart(
      sheet
        .newChart()
        .addRange(other.getRange('A1:C2'))
        .setTransposeRowsAndColumns(true)
        .setNumHeaders(1)
        .build(),
    );
    expect(chartViews(state, state.sheets[0])[0]).toMatchObject({
      labels: ['Jan', 'Feb'],
      series: [{ name: 'Revenue', values: [1, 2] }],
    });
    // The emulator keeps the chart; its data sheet is gone.
    state.sheets.splice(state.sheets.indexOf(state.sheets.find((s) => s.name === 'Other')!), 1);
    expect(chartViews(state, state.sheets[0])[0].ranges).toEqual(['#REF!']);
  });
});

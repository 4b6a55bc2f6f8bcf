/**
 * The Charts service as far as embedded spreadsheet charts need it: its enums. Like the
 * emulator's other enums, each value is its own name, so `String(Charts.ChartType.LINE)`
 * is 'LINE' as in Apps Script. The stand-alone chart builders (Charts.newColumnChart(), …)
 * render images and are not emulated.
 * https://developers.google.com/apps-script/reference/charts/charts
 */

/** https://developers.google.com/apps-script/reference/charts/chart-type */
export const ChartType = Object.freeze({
  TIMELINE: 'TIMELINE',
  AREA: 'AREA',
  BAR: 'BAR',
  BUBBLE: 'BUBBLE',
  CANDLESTICK: 'CANDLESTICK',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  GAUGE: 'GAUGE',
  GEO: 'GEO',
  HISTOGRAM: 'HISTOGRAM',
  RADAR: 'RADAR',
  LINE: 'LINE',
  ORG: 'ORG',
  PIE: 'PIE',
  SCATTER: 'SCATTER',
  SPARKLINE: 'SPARKLINE',
  STEPPED_AREA: 'STEPPED_AREA',
  TABLE: 'TABLE',
  TREEMAP: 'TREEMAP',
  WATERFALL: 'WATERFALL',
} as const);
export type ChartTypeName = keyof typeof ChartType;

/** https://developers.google.com/apps-script/reference/charts/chart-hidden-dimension-strategy */
export const ChartHiddenDimensionStrategy = Object.freeze({
  IGNORE_BOTH: 'IGNORE_BOTH',
  IGNORE_ROWS: 'IGNORE_ROWS',
  IGNORE_COLUMNS: 'IGNORE_COLUMNS',
  SHOW_BOTH: 'SHOW_BOTH',
} as const);
export type HiddenDimensionStrategyName = keyof typeof ChartHiddenDimensionStrategy;

/** https://developers.google.com/apps-script/reference/charts/chart-merge-strategy */
export const ChartMergeStrategy = Object.freeze({
  MERGE_COLUMNS: 'MERGE_COLUMNS',
  MERGE_ROWS: 'MERGE_ROWS',
} as const);
export type MergeStrategyName = keyof typeof ChartMergeStrategy;

export function createCharts(): Record<string, unknown> {
  return Object.freeze({ ChartType, ChartHiddenDimensionStrategy, ChartMergeStrategy });
}

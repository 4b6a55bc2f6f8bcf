/**
 * The grid page's list of a sheet's embedded charts, with a small SVG sketch of column,
 * bar, line and area charts. Text from the workbook goes in as textContent only.
 */
import type { ChartView } from '../emulator/spreadsheet/chart-view';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 360;
const HEIGHT = 160;
const PAD = 24;
const COLOURS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6'];

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

const DRAWN = new Set(['COLUMN', 'BAR', 'LINE', 'AREA']);

/** Columns (BAR drawn as columns too: a sketch) or lines, on a 0-based value axis. */
function sketch(chart: ChartView): SVGSVGElement | null {
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  if (!chart.type || !DRAWN.has(chart.type) || values.length === 0) return null;
  const top = Math.max(0, ...values);
  const bottom = Math.min(0, ...values);
  const span = top - bottom || 1;
  const y = (v: number) => PAD + ((top - v) / span) * (HEIGHT - 2 * PAD);
  const slot = (WIDTH - 2 * PAD) / Math.max(1, chart.labels.length);
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT });
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', chart.title || 'chart');
  root.append(svg('line', { x1: PAD, x2: WIDTH - PAD, y1: y(0), y2: y(0), class: 'axis' }));
  chart.series.forEach((series, s) => {
    const colour = COLOURS[s % COLOURS.length];
    if (chart.type === 'COLUMN' || chart.type === 'BAR') {
      const bar = (slot * 0.8) / chart.series.length;
      series.values.forEach((v, i) => {
        if (v === null) return;
        const x = PAD + i * slot + slot * 0.1 + s * bar;
        const [from, to] = [y(Math.max(v, 0)), y(Math.min(v, 0))];
        root.append(svg('rect', { x, y: from, width: bar, height: to - from, fill: colour }));
      });
      return;
    }
    const points = series.values
      .map((v, i) => (v === null ? null : `${PAD + (i + 0.5) * slot},${y(v)}`))
      .filter((p): p is string => p !== null);
    root.append(
      svg('polyline', {
        points: points.join(' '),
        fill: 'none',
        stroke: colour,
        'stroke-width': 2,
      }),
    );
  });
  chart.labels.forEach((label, i) => {
    const text = svg('text', { x: PAD + (i + 0.5) * slot, y: HEIGHT - 6, 'text-anchor': 'middle' });
    text.textContent = label;
    root.append(text);
  });
  return root;
}

export function renderCharts(charts: ChartView[] | undefined): HTMLElement | '' {
  if (!charts || charts.length === 0) return '';
  const section = document.createElement('section');
  section.className = 'charts';
  const heading = document.createElement('h2');
  heading.textContent = `Charts (${charts.length})`;
  section.append(heading);
  for (const chart of charts) {
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    caption.textContent =
      `${chart.title || 'Untitled chart'} (${chart.type ?? 'no type'}, ` +
      `${chart.ranges.join(', ') || 'no data'}) at ${chart.anchor}`;
    figure.append(caption);
    const drawing = sketch(chart);
    if (drawing) figure.append(drawing);
    section.append(figure);
  }
  return section;
}

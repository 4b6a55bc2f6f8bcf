/**
 * Revenue by month as a small column chart drawn with SVG elements (no library, no markup
 * strings): one bar per month, the highest amount marked, each bar's exact value in its
 * tooltip, and the same figures in a table for screen readers.
 */
import { formatMoney, localeTag } from '../domain/format';
import { h } from './dom';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 268;
const HEIGHT = 132;
const TOP = 18;
const BOTTOM = 18;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** "2026-03" → a month name in the locale ("Mar"; "mar" in Polish). */
function monthName(month: string, locale: string, style: 'short' | 'long'): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(localeTag(locale), {
    month: style,
    year: style === 'long' ? 'numeric' : undefined,
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, number - 1, 1)));
}

export function revenueChart(
  months: ReadonlyArray<{ month: string; amount: number }>,
  currency: string,
  locale: string,
): HTMLElement {
  const max = Math.max(0, ...months.map((m) => m.amount));
  const money = (amount: number) => formatMoney(amount, currency, locale);
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: '100%',
    role: 'img',
    class: 'bar-chart',
    'aria-label': `Revenue by month, last ${months.length} months; highest ${money(max)}`,
  });
  const slot = WIDTH / Math.max(1, months.length);
  const plot = HEIGHT - TOP - BOTTOM;
  chart.append(
    svg('line', { x1: 0, x2: WIDTH, y1: TOP + plot, y2: TOP + plot, class: 'axis' }),
    svg('line', { x1: 0, x2: WIDTH, y1: TOP, y2: TOP, class: 'grid' }),
    svg('text', { x: 0, y: TOP - 6, class: 'chart-max' }, max ? money(max) : 'No revenue yet'),
  );
  months.forEach((m, i) => {
    const height = max ? Math.max(m.amount > 0 ? 2 : 0, (m.amount / max) * plot) : 0;
    const x = i * slot + slot * 0.15;
    const bar = svg('rect', {
      x: x.toFixed(1),
      y: (TOP + plot - height).toFixed(1),
      width: (slot * 0.7).toFixed(1),
      height: height.toFixed(1),
      rx: 2,
      class: i === months.length - 1 ? 'bar current' : 'bar',
    });
    bar.append(svg('title', {}, `${monthName(m.month, locale, 'long')}: ${money(m.amount)}`));
    chart.append(
      bar,
      svg(
        'text',
        { x: (i * slot + slot / 2).toFixed(1), y: HEIGHT - 4, class: 'chart-label' },
        monthName(m.month, locale, 'short').slice(0, 3),
      ),
    );
  });
  const table = h(
    'table',
    { class: 'sr-only' },
    h('caption', {}, 'Revenue by month'),
    h('tr', {}, h('th', {}, 'Month'), h('th', {}, 'Revenue')),
    ...months.map((m) =>
      h('tr', {}, h('td', {}, monthName(m.month, locale, 'long')), h('td', {}, money(m.amount))),
    ),
  );
  const figure = h('figure', { class: 'chart' });
  figure.append(chart, table);
  return figure;
}

/**
 * The Dashboard: the figures the last lifecycle run wrote to the Dashboard tab — customers
 * per stage in the stage colours, revenue and purchases per buying customer, new against
 * returning buyers, revenue by month, the top customers and who started slipping (each
 * opens their card) and what the chance-active figures rest on. Recalculate lifecycle runs
 * the recompute and reads the tab again.
 */
import type { DashboardView } from '../domain/dashboard-view';
import { formatDate, formatMoney, formatNumber } from '../domain/format';
import { revenueChart } from './bar-chart';
import { display } from './context';
import { h } from './dom';
import { icon } from './icons';
import { back, errorView, go, loading, setCloser, top } from './nav';
import { callServer, describeFailure } from './rpc';
import { show, toast } from './shell';
import { stageTone, toneMeaning } from './stages';
import { button, iconButton, pending, pill, progressBar, stat } from './ui';

function section(title: string, ...body: Array<Node | null>): HTMLElement {
  return h(
    'section',
    { class: 'card-section', 'aria-label': title },
    h('div', { class: 'section-head' }, h('h3', {}, title)),
    ...body,
  );
}

function stages(view: DashboardView): HTMLElement {
  const { locale } = display();
  return h(
    'ul',
    { class: 'stage-bars' },
    ...view.stages.map((s) =>
      h(
        'li',
        { class: 'stage-bar', 'data-stage': s.stage },
        pill(s.stage, stageTone(s.stage), `${s.stage}: ${toneMeaning(s.stage)}`),
        h(
          'span',
          { class: 'share-track', 'aria-hidden': 'true' },
          h('span', {
            class: `share-fill tone-${stageTone(s.stage)}`,
            style: `width: ${Math.round(Math.min(1, Math.max(0, s.share)) * 100)}%`,
          }),
        ),
        h(
          'span',
          { class: 'stage-count', title: `${Math.round(s.share * 100)}% of customers` },
          formatNumber(s.count, locale),
        ),
      ),
    ),
  );
}

function figures(view: DashboardView): HTMLElement {
  const { locale } = display();
  const number = (n: number | null, digits: number) =>
    n === null ? '—' : formatNumber(n, locale, digits);
  return h(
    'div',
    { class: 'stats' },
    stat(
      'Average revenue per buying customer',
      view.averageRevenue === null ? '—' : formatMoney(view.averageRevenue, view.currency, locale),
    ),
    stat('Purchases per buying customer', number(view.purchasesPerCustomer, 2)),
    ...view.newReturning.map((n) =>
      stat(`New / returning buyers, ${n.days} days`, `${n.fresh} / ${n.returning}`),
    ),
    view.expectedPurchases90 === null
      ? null
      : stat('Purchases expected, next 90 days', number(view.expectedPurchases90, 1)),
  );
}

/** A customer the dashboard names, as a way to their card (when they were found). */
function customerButton(
  name: string,
  id: string | null,
  lines: string[],
  extra?: Node,
): HTMLElement {
  const body = [
    h('span', { class: 'result-title' }, name),
    ...lines.filter(Boolean).map((line) => h('span', { class: 'result-sub wrap' }, line)),
  ];
  if (!id) {
    return h(
      'li',
      {},
      h('div', { class: 'result static' }, h('span', { class: 'result-text' }, ...body)),
    );
  }
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: 'result',
        'data-id': id,
        onclick: () => go({ name: 'card', id, title: name }),
      },
      h('span', { class: 'result-text' }, ...body),
      extra ?? null,
    ),
  );
}

function topCustomers(view: DashboardView): HTMLElement {
  const context = display();
  if (!view.top.length) return h('p', { class: 'muted' }, 'No purchases yet.');
  return h(
    'ol',
    { class: 'results ranked', 'aria-label': 'Top customers' },
    ...view.top.map((t) =>
      customerButton(t.name, t.id, [
        [
          formatMoney(t.totalSpent, view.currency, context.locale),
          t.expected90 === null
            ? ''
            : `${formatNumber(t.expected90, context.locale, 1)} expected in 90 days`,
        ]
          .filter(Boolean)
          .join(' · '),
      ]),
    ),
  );
}

function slipping(view: DashboardView): HTMLElement {
  const context = display();
  if (!view.slipping.length) {
    return h('p', { class: 'muted' }, 'Nobody started slipping in the last 30 days.');
  }
  return h(
    'div',
    {},
    h(
      'ul',
      { class: 'results', 'aria-label': 'Started slipping' },
      ...view.slipping.map((s) =>
        customerButton(s.name, s.id, [
          s.since ? `Since ${formatDate(s.since, context)}` : '',
          s.reason.replace(/^[^:]+:\s*/, ''),
        ]),
      ),
    ),
    view.slippingMore ? h('p', { class: 'muted' }, view.slippingMore) : null,
  );
}

function modelLine(view: DashboardView): string {
  const model = view.model;
  if (!model.used) return model.reason;
  const when = model.fittedOn ? `, fitted ${formatDate(model.fittedOn, display())}` : '';
  return `Chance active: BG/NBD fitted on ${formatNumber(model.repeatBuyers, display().locale)} repeat buyers (of ${formatNumber(model.customers, display().locale)} customers${when}).`;
}

function renderDashboard(view: DashboardView | null, recalculate: HTMLButtonElement): HTMLElement {
  const header = h(
    'header',
    { class: 'form-header' },
    iconButton('back', 'Back', back),
    h(
      'div',
      {},
      h('h2', {}, 'Dashboard'),
      h(
        'p',
        { class: 'card-sub' },
        view?.asOf
          ? `As of ${formatDate(view.asOf, display())}, from the last lifecycle run`
          : 'Figures from the last lifecycle run',
      ),
    ),
  );
  if (!view) {
    return h(
      'div',
      { class: 'dashboard-view' },
      header,
      h(
        'div',
        { class: 'empty-state' },
        icon('chart', 40),
        h('h2', {}, 'No dashboard yet'),
        h(
          'p',
          {},
          'Recalculate lifecycle to give every customer a stage and build the Dashboard tab.',
        ),
        recalculate,
      ),
    );
  }
  return h(
    'div',
    { class: 'dashboard-view' },
    header,
    h('div', { class: 'toolbar' }, recalculate),
    section(`Customers by stage (${formatNumber(view.customers, display().locale)})`, stages(view)),
    section('Buying customers', figures(view)),
    section(
      'Revenue by month',
      view.revenue.length
        ? revenueChart(view.revenue, view.currency, display().locale)
        : h('p', { class: 'muted' }, 'No revenue yet.'),
    ),
    section('Top customers', topCustomers(view)),
    section('Started slipping, last 30 days', slipping(view)),
    h('p', { class: 'card-footer model-line' }, modelLine(view)),
  );
}

function recalculateButton(): HTMLButtonElement {
  const trigger: HTMLButtonElement = button(
    'Recalculate lifecycle',
    () => {
      const bar = progressBar();
      bar.hidden = false;
      document.querySelector('.dashboard-view')?.prepend(bar);
      pending(
        trigger,
        'Recalculating…',
        callServer('recalculateLifecycle').then(async (report) => {
          const view = await callServer('getDashboard');
          return { report, view };
        }),
      )
        .then(({ report, view }) => {
          if (top().route.name !== 'dashboard') return;
          draw(view);
          toast(
            `Recalculated ${report.customers} customer${report.customers === 1 ? '' : 's'}: ${report.changed} changed stage.`,
          );
        })
        .catch((error: unknown) => toast(describeFailure(error)))
        .finally(() => bar.remove());
    },
    { emphasis: 'primary', icon: 'refresh' },
  );
  trigger.classList.add('grow');
  return trigger;
}

function draw(view: DashboardView | null, scrollTop?: number): void {
  const recalculate = recalculateButton();
  show(renderDashboard(view, recalculate), { focus: recalculate, scrollTop });
}

/** Drawn afresh on every visit (back from a card too, at the same scroll position). */
export async function showDashboard(scrollTop?: number): Promise<void> {
  setCloser(back);
  show(loading('Reading the Dashboard tab…', 'Dashboard'), { focus: null });
  try {
    const view = await callServer('getDashboard');
    if (top().route.name !== 'dashboard') return;
    draw(view, scrollTop);
  } catch (error) {
    show(errorView(describeFailure(error), () => void showDashboard()));
  }
}

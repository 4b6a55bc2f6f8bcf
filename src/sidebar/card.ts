/**
 * The customer card: everything about one customer on one screen, from one server call.
 */
import type { CustomerCard } from '../domain/api-types';
import { CLOSED_DEAL_STAGES, ENTITIES, type RecordOf } from '../domain/schema';
import { h } from './dom';
import { upcomingFor } from '../domain/reminders';

/**
 * Archive asks once, in place: archived customers leave lists and reminders but keep their
 * row and history (the sheet's data is never deleted from the sidebar).
 */
function archiveButton(name: string, archive: () => void): HTMLElement {
  const wrapper = h('span', { class: 'archive' });
  const ask = h('button', { type: 'button' }, 'Archive');
  ask.addEventListener('click', () => {
    const confirm = h(
      'button',
      { type: 'button', class: 'action', onclick: archive },
      'Yes, archive',
    );
    const keep = h(
      'button',
      { type: 'button', onclick: () => wrapper.replaceChildren(ask) },
      'Keep',
    );
    wrapper.replaceChildren(h('span', { class: 'muted' }, `Archive ${name}? `), confirm, keep);
    confirm.focus();
  });
  wrapper.append(ask);
  return wrapper;
}

export interface CardActions {
  archive(): void;
  edit(): void;
  editDeal(deal: RecordOf<'deals'>): void;
  editContact(contact: RecordOf<'contacts'>): void;
  addContact(): void;
  logActivity(): void;
  addDeal(): void;
  back(): void;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function money(amount: unknown, currency: unknown): string {
  if (typeof amount !== 'number') return '';
  const formatted = amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${formatted} ${text(currency)}`.trim();
}

function row(label: string, ...content: Array<Node | string>): HTMLElement | null {
  const present = content.filter((c) => c !== '');
  if (!present.length) return null;
  return h('div', { class: 'card-row' }, h('dt', {}, label), h('dd', {}, ...present));
}

function section(title: string, items: HTMLElement[], empty: string): HTMLElement {
  return h(
    'section',
    { class: 'card-section', 'aria-label': title },
    h('h3', {}, title),
    items.length ? h('ul', { class: 'card-list' }, ...items) : h('p', { class: 'muted' }, empty),
  );
}

function customerLabel(key: keyof RecordOf<'customers'>): string {
  return ENTITIES.customers.fields.find((f) => f.key === key)?.label ?? key;
}

export function renderCard(card: CustomerCard, today: string, actions: CardActions): HTMLElement {
  const customer = card.customer;
  const name = text(customer.name) || text(customer.company) || 'Customer';
  const email = text(customer.email);
  const phone = text(customer.phone);
  const lifecycle = card.lifecycle;
  const metrics = card.metrics;

  const openDeals = card.deals.filter((d) => !CLOSED_DEAL_STAGES.includes(d.stage ?? ''));
  const upcoming = upcomingFor(card, today).map((item) =>
    h(
      'li',
      { class: item.overdue ? 'overdue' : '' },
      h('span', { class: 'when' }, item.date),
      ` ${item.label}`,
      item.overdue ? h('strong', { class: 'overdue-flag' }, ' overdue') : null,
    ),
  );

  return h(
    'article',
    { class: 'card', 'aria-label': `Customer card: ${name}` },
    h('button', { type: 'button', class: 'link back', onclick: actions.back }, '‹ Back'),
    h('h2', { class: 'card-title' }, name),
    customer.company && customer.name ? h('p', { class: 'muted' }, text(customer.company)) : null,
    lifecycle
      ? h(
          'p',
          { class: 'lifecycle' },
          h(
            'span',
            { class: `stage stage-${lifecycle.stage}` },
            lifecycle.label ?? lifecycle.stage,
          ),
          // The chip names the stage; the reason's own "Stage:" prefix would repeat it.
          lifecycle.reason
            ? h('span', { class: 'reason' }, ` ${lifecycle.reason.replace(/^[^:]+:\s*/, '')}`)
            : null,
        )
      : null,
    h(
      'div',
      { class: 'card-actions' },
      phone ? h('a', { class: 'button', href: `tel:${phone}` }, 'Call') : null,
      email ? h('a', { class: 'button', href: `mailto:${email}` }, 'Email') : null,
      h('button', { type: 'button', onclick: actions.logActivity }, 'Log activity'),
      h('button', { type: 'button', onclick: actions.addDeal }, 'Add deal'),
      h('button', { type: 'button', onclick: actions.addContact }, 'Add contact'),
      h('button', { type: 'button', onclick: actions.edit }, 'Edit'),
      archiveButton(name, actions.archive),
    ),
    h(
      'dl',
      { class: 'card-details' },
      row(customerLabel('email'), email),
      row(customerLabel('phone'), phone),
      row(customerLabel('preferredChannel'), text(customer.preferredChannel)),
      row(customerLabel('callWindow'), text(customer.callWindow)),
      row(customerLabel('city'), text(customer.city)),
      row(customerLabel('tags'), text(customer.tags)),
      row(customerLabel('owner'), text(customer.owner)),
    ),
    h(
      'section',
      { class: 'card-section metrics', 'aria-label': 'Purchases' },
      h('h3', {}, 'Purchases'),
      metrics
        ? h(
            'dl',
            { class: 'card-details' },
            row('Purchases', String(metrics.purchaseCount)),
            row('Total', money(metrics.totalSpent, metrics.currency)),
            row('Average', money(metrics.averageOrder, metrics.currency)),
            row('Last purchase', text(metrics.lastPurchase)),
          )
        : h('p', { class: 'muted' }, 'No purchases yet.'),
    ),
    section(
      'Open deals',
      openDeals.map((deal) =>
        h(
          'li',
          { class: 'deal' },
          h('strong', {}, text(deal.title)),
          ` · ${text(deal.stage)} · ${money(deal.amount, deal.currency)}`,
          deal.expectedClose ? ` · close by ${text(deal.expectedClose)}` : '',
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'aria-label': `Edit deal ${text(deal.title)}`,
              onclick: () => actions.editDeal(deal),
            },
            'Edit',
          ),
        ),
      ),
      'No open deals.',
    ),
    section(
      'Contacts',
      card.contacts.map((contact) =>
        h(
          'li',
          {},
          text(contact.name),
          contact.role ? ` (${text(contact.role)})` : '',
          contact.email ? ` · ${text(contact.email)}` : '',
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'aria-label': `Edit contact ${text(contact.name)}`,
              onclick: () => actions.editContact(contact),
            },
            'Edit',
          ),
        ),
      ),
      'No contacts.',
    ),
    section('Upcoming', upcoming, 'Nothing scheduled.'),
    section(
      'History',
      card.activities.map((activity) =>
        h(
          'li',
          { class: 'activity' },
          h('span', { class: 'when' }, text(activity.date)),
          ' ',
          h('strong', {}, text(activity.type)),
          activity.summary ? `: ${text(activity.summary)}` : '',
        ),
      ),
      'No activity yet.',
    ),
  );
}

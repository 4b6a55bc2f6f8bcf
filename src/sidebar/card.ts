/**
 * The customer card, in the order a salesperson reads it: who (name, company, owner, a
 * stage pill whose colour means something), what to do (call, email, log — log being the
 * one primary action — then the rest under "⋯"), the details and notes, purchases, open
 * deals, contacts with a call link each, and a timeline with an icon per activity type.
 */
import type { CustomerCard } from '../domain/api-types';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPhone,
  relativeDay,
} from '../domain/format';
import { upcomingFor, type UpcomingItem } from '../domain/reminders';
import { actionsFor, type UpcomingAction } from '../domain/upcoming-actions';
import { CLOSED_DEAL_STAGES, ENTITIES, type RecordOf } from '../domain/schema';
import { display } from './context';
import { h } from './dom';
import { activityIcon, icon, type IconName } from './icons';
import { stageTone, toneMeaning } from './stages';
import { avatar, iconButton, overflowMenu, pill, stat } from './ui';

export interface CardActions {
  back(): void;
  edit(): void;
  archive(): void;
  logActivity(): void;
  addDeal(): void;
  editDeal(deal: RecordOf<'deals'>): void;
  addContact(): void;
  editContact(contact: RecordOf<'contacts'>): void;
  /** Done or Snooze on an Upcoming item; `entry` is its row, hidden while the call runs. */
  upcoming?(item: UpcomingItem, action: UpcomingAction, entry: HTMLElement): void;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function label(key: keyof RecordOf<'customers'>): string {
  return ENTITIES.customers.fields.find((f) => f.key === key)?.label ?? key;
}

function detail(name: string, ...content: Array<Node | string | null>): HTMLElement | null {
  const present = content.filter((c): c is Node | string => c !== null && c !== '');
  if (!present.length) return null;
  return h('div', { class: 'card-row' }, h('dt', {}, name), h('dd', {}, ...present));
}

function section(
  title: string,
  body: Array<HTMLElement | null>,
  action?: HTMLElement,
): HTMLElement {
  return h(
    'section',
    { class: 'card-section', 'aria-label': title },
    h('div', { class: 'section-head' }, h('h3', {}, title), action ?? null),
    ...body,
  );
}

/** A round action with its label under it: a link (tel:, mailto:) or a button. */
function actionTile(
  name: IconName,
  caption: string,
  target: { href: string } | { onclick: () => void },
  options: { primary?: boolean; shortcut?: string; ariaLabel?: string } = {},
): HTMLElement {
  const content = [
    h('span', { class: 'tile-icon' }, icon(name)),
    h('span', { class: 'tile-label' }, caption),
  ];
  const attributes = {
    class: options.primary ? 'tile tile-primary' : 'tile',
    'aria-label': options.ariaLabel ?? caption,
    'aria-keyshortcuts': options.shortcut,
    title: options.shortcut
      ? `${options.ariaLabel ?? caption} (${options.shortcut})`
      : (options.ariaLabel ?? caption),
  };
  return 'href' in target
    ? h('a', { ...attributes, href: target.href }, ...content)
    : h('button', { ...attributes, type: 'button', onclick: target.onclick }, ...content);
}

function phoneLink(phone: string, who: string): HTMLElement {
  return h(
    'a',
    {
      href: `tel:${phone}`,
      class: 'phone-link',
      'aria-label': `Call ${who} at ${formatPhone(phone, display().defaultCountry)}`,
    },
    icon('phone', 16),
    ` ${formatPhone(phone, display().defaultCountry)}`,
  );
}

function emailLink(email: string): HTMLElement {
  return h('a', { href: `mailto:${email}`, class: 'email-link' }, email);
}

/** Notes as written (line breaks kept); a long note opens fully on request. */
function notesBlock(notes: string): HTMLElement {
  const body = h('p', { class: 'notes' }, notes);
  if (notes.length <= 280 && notes.split('\n').length <= 5) return body;
  body.classList.add('clamped');
  const toggle = h(
    'button',
    { type: 'button', class: 'btn btn-text small', 'aria-expanded': 'false' },
    'Show all',
  );
  toggle.addEventListener('click', () => {
    const open = body.classList.toggle('clamped') === false;
    toggle.textContent = open ? 'Show less' : 'Show all';
    toggle.setAttribute('aria-expanded', String(open));
  });
  return h('div', {}, body, toggle);
}

const ACTION_LABELS: Record<UpcomingAction, { text: string; name: string; icon: IconName }> = {
  done: { text: 'Done', name: 'Done', icon: 'done' },
  'snooze-1d': { text: '1 day', name: 'Snooze 1 day', icon: 'snooze' },
  'snooze-7d': { text: '1 week', name: 'Snooze 1 week', icon: 'snooze' },
};

/** Done, and Snooze by a day or a week, under an item that can be acted on. */
function upcomingButtons(item: UpcomingItem, actions: CardActions): HTMLElement | null {
  const run = actions.upcoming;
  const available = actionsFor(item.kind);
  if (!run || !available.length) return null;
  const bar = h('div', { class: 'event-actions', role: 'group', 'aria-label': item.label });
  for (const action of available) {
    const { text: caption, name, icon: iconName } = ACTION_LABELS[action];
    bar.append(
      h(
        'button',
        {
          type: 'button',
          class: action === 'done' ? 'btn btn-text small' : 'btn btn-text small snooze',
          'aria-label': `${name}: ${item.label}`,
          title: name,
          onclick: (event: Event) => {
            const entry = (event.currentTarget as HTMLElement).closest('li');
            if (entry) run(item, action, entry);
          },
        },
        icon(iconName, 16),
        h('span', { class: 'btn-label' }, caption),
      ),
    );
  }
  return bar;
}

function upcomingEntry(item: UpcomingItem, actions: CardActions): HTMLElement {
  const context = display();
  const kind: IconName = item.kind === 'birthday' ? 'cake' : item.overdue ? 'clock' : 'flag';
  return h(
    'li',
    {
      class: item.overdue ? 'event upcoming overdue' : 'event upcoming',
      'data-kind': item.kind,
    },
    h('span', { class: 'event-icon' }, icon(kind, 18)),
    h(
      'div',
      { class: 'event-body' },
      h('p', { class: 'event-title' }, item.label),
      h(
        'p',
        { class: 'event-when' },
        `${formatDate(item.date, context)} · ${relativeDay(item.date, context.today)}`,
        item.overdue ? h('strong', { class: 'overdue-flag' }, ' · overdue') : null,
      ),
      upcomingButtons(item, actions),
    ),
  );
}

function historyEntry(activity: RecordOf<'activities'>): HTMLElement {
  const context = display();
  return h(
    'li',
    { class: 'event', 'data-type': text(activity.type) },
    h('span', { class: 'event-icon' }, icon(activityIcon(activity.type), 18)),
    h(
      'div',
      { class: 'event-body' },
      h(
        'p',
        { class: 'event-title' },
        h('strong', {}, text(activity.type)),
        activity.summary ? ` · ${text(activity.summary)}` : '',
      ),
      activity.outcome ? h('p', { class: 'event-outcome' }, text(activity.outcome)) : null,
      h('p', { class: 'event-when' }, activity.date ? formatDate(activity.date, context) : ''),
    ),
  );
}

function header(card: CustomerCard, name: string, actions: CardActions): HTMLElement {
  const customer = card.customer;
  const company = text(customer.company);
  const sub = [
    company && company.toLowerCase() !== name.toLowerCase() ? company : '',
    customer.owner ? `Owner: ${customer.owner}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const lifecycle = card.lifecycle;
  const stage = lifecycle?.stage ?? '';
  return h(
    'header',
    { class: 'card-header' },
    h(
      'div',
      { class: 'card-top' },
      iconButton('back', 'Back to the list', actions.back),
      overflowMenu('More actions for this customer', [
        { label: 'Add contact', icon: 'personAdd', run: actions.addContact },
        { label: 'Archive customer', icon: 'archive', run: actions.archive, danger: true },
      ]),
    ),
    h(
      'div',
      { class: 'identity' },
      avatar(name, 'large'),
      h(
        'div',
        {},
        h('h2', { class: 'card-title' }, name),
        sub ? h('p', { class: 'card-sub' }, sub) : null,
        stage
          ? h(
              'p',
              { class: 'lifecycle' },
              pill(lifecycle?.label ?? stage, stageTone(stage), `${stage}: ${toneMeaning(stage)}`),
              // The pill names the stage; the reason's own "Stage:" prefix would repeat it.
              lifecycle?.reason
                ? h('span', { class: 'reason' }, ` ${lifecycle.reason.replace(/^[^:]+:\s*/, '')}`)
                : null,
            )
          : null,
      ),
    ),
  );
}

/** Call and Email when there is a number and an address; Log is the primary action. */
function tiles(customer: RecordOf<'customers'>, actions: CardActions): HTMLElement {
  const email = text(customer.email);
  const phone = text(customer.phone);
  return h(
    'nav',
    { class: 'tiles', 'aria-label': 'Actions' },
    phone
      ? actionTile(
          'phone',
          'Call',
          { href: `tel:${phone}` },
          { ariaLabel: `Call ${formatPhone(phone, display().defaultCountry)}` },
        )
      : null,
    email
      ? actionTile('mail', 'Email', { href: `mailto:${email}` }, { ariaLabel: `Email ${email}` })
      : null,
    actionTile(
      'log',
      'Log',
      { onclick: actions.logActivity },
      { primary: true, shortcut: 'L', ariaLabel: 'Log activity' },
    ),
    actionTile('deal', 'Deal', { onclick: actions.addDeal }, { ariaLabel: 'Add deal' }),
    actionTile(
      'edit',
      'Edit',
      { onclick: actions.edit },
      { ariaLabel: 'Edit customer', shortcut: 'E' },
    ),
  );
}

function details(customer: RecordOf<'customers'>, name: string): HTMLElement {
  const context = display();
  const email = text(customer.email);
  const phone = text(customer.phone);
  const followUp = text(customer.followUp);
  const tags = customer.tags ?? [];
  return h(
    'dl',
    { class: 'card-details' },
    detail(label('email'), email ? emailLink(email) : ''),
    detail(label('phone'), phone ? phoneLink(phone, name) : ''),
    detail(label('preferredChannel'), text(customer.preferredChannel)),
    detail(label('callWindow'), text(customer.callWindow)),
    detail(label('city'), text(customer.city)),
    detail(
      label('tags'),
      tags.length
        ? h('span', { class: 'tag-list' }, ...tags.map((tag) => h('span', { class: 'tag' }, tag)))
        : '',
    ),
    detail(
      label('followUp'),
      followUp ? `${formatDate(followUp, context)} (${relativeDay(followUp, context.today)})` : '',
    ),
    // A birthday is shown with its year, whatever today's year is.
    detail(
      label('birthday'),
      customer.birthday ? formatDate(customer.birthday, { ...context, today: '' }) : '',
    ),
  );
}

/** What the activity model says of this customer, when the last lifecycle run used it. */
function outlook(customer: RecordOf<'customers'>): HTMLElement[] {
  const { locale } = display();
  const chance = customer.chanceActive;
  const expected = customer.expectedPurchases90;
  return [
    typeof chance === 'number'
      ? stat('Chance active', `${formatNumber(chance * 100, locale)}%`)
      : null,
    typeof expected === 'number'
      ? stat('Expected purchases (90 days)', formatNumber(expected, locale, 1))
      : null,
  ].filter((s): s is HTMLElement => s !== null);
}

function purchases(metrics: CustomerCard['metrics'], customer: RecordOf<'customers'>): HTMLElement {
  const context = display();
  return h(
    'section',
    { class: 'card-section metrics', 'aria-label': 'Purchases' },
    h('div', { class: 'section-head' }, h('h3', {}, 'Purchases')),
    metrics
      ? h(
          'div',
          { class: 'stats' },
          stat('Total', formatMoney(metrics.totalSpent, metrics.currency, context.locale)),
          stat('Orders', String(metrics.purchaseCount)),
          stat('Average', formatMoney(metrics.averageOrder, metrics.currency, context.locale)),
          stat(
            'Last purchase',
            metrics.lastPurchase ? formatDate(metrics.lastPurchase, context) : '—',
          ),
          ...outlook(customer),
        )
      : h('p', { class: 'muted' }, 'No purchases yet.'),
  );
}

/** A list, or what it would say when empty. */
function listOr(
  tag: 'ul' | 'ol',
  className: string,
  items: HTMLElement[],
  empty: string,
): HTMLElement {
  return items.length ? h(tag, { class: className }, ...items) : h('p', { class: 'muted' }, empty);
}

/**
 * Cells of the customer's row typed by hand that Kartoteka cannot read: said where they are,
 * so the record stays usable and nobody wonders where the birthday went.
 */
function cellsToFix(card: CustomerCard): HTMLElement | null {
  const problems = card.problems ?? [];
  if (!problems.length) return null;
  return h(
    'div',
    { class: 'banner cells-to-fix', role: 'status' },
    h(
      'p',
      {},
      problems.length === 1
        ? 'One cell of this customer cannot be read; fix it in the sheet:'
        : `${problems.length} cells of this customer cannot be read; fix them in the sheet:`,
    ),
    h(
      'ul',
      {},
      ...problems.map((p) => h('li', {}, `${p.column} (${p.tab}, row ${p.row}): ${p.message}`)),
    ),
  );
}

export function renderCard(card: CustomerCard, actions: CardActions): HTMLElement {
  const customer = card.customer;
  const name = text(customer.name) || text(customer.company) || 'Customer';
  const openDeals = card.deals.filter((d) => !CLOSED_DEAL_STAGES.includes(d.stage ?? ''));
  const upcoming = upcomingFor(card, display().today);
  return h(
    'article',
    { class: 'card', 'aria-label': `Customer card: ${name}` },
    header(card, name, actions),
    cellsToFix(card),
    tiles(customer, actions),
    details(customer, name),
    customer.notes ? section('Notes', [notesBlock(text(customer.notes))]) : null,
    purchases(card.metrics, customer),
    section(
      'Open deals',
      [
        listOr(
          'ul',
          'item-list',
          openDeals.map((deal) => dealItem(deal, actions)),
          'No open deals.',
        ),
      ],
      iconButton('plus', 'Add deal', actions.addDeal),
    ),
    section(
      'Contacts',
      [
        listOr(
          'ul',
          'item-list',
          card.contacts.map((c) => contactItem(c, actions)),
          'No contacts.',
        ),
      ],
      iconButton('personAdd', 'Add contact', actions.addContact),
    ),
    section(
      'Timeline',
      [
        listOr(
          'ol',
          'timeline',
          [
            ...upcoming.map((item) => upcomingEntry(item, actions)),
            ...card.activities.map(historyEntry),
          ],
          'Nothing scheduled and no activity yet.',
        ),
      ],
      iconButton('log', 'Log activity', actions.logActivity),
    ),
    lastChange(customer),
  );
}

/** Who changed the customer last and when, in the spreadsheet's time zone. */
function lastChange(customer: RecordOf<'customers'>): HTMLElement | null {
  if (!customer.updated) return null;
  const when = formatDateTime(customer.updated, display());
  return h(
    'p',
    { class: 'card-footer' },
    customer.updatedBy ? `Last changed ${when} by ${customer.updatedBy}` : `Last changed ${when}`,
  );
}

function dealItem(deal: RecordOf<'deals'>, actions: CardActions): HTMLElement {
  const context = display();
  const stage = text(deal.stage);
  const facts = [
    typeof deal.amount === 'number'
      ? formatMoney(deal.amount, deal.currency ?? null, context.locale)
      : '',
    deal.expectedClose ? `close by ${formatDate(deal.expectedClose, context)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return h(
    'li',
    { class: 'item deal' },
    h(
      'div',
      { class: 'item-body' },
      h(
        'p',
        { class: 'item-title' },
        h('strong', {}, text(deal.title)),
        ' ',
        stage ? pill(stage, stageTone(stage), toneMeaning(stage)) : null,
      ),
      facts ? h('p', { class: 'item-sub' }, facts) : null,
      deal.nextStep ? h('p', { class: 'item-sub' }, `Next: ${text(deal.nextStep)}`) : null,
    ),
    iconButton('edit', `Edit deal ${text(deal.title)}`, () => actions.editDeal(deal)),
  );
}

function contactItem(contact: RecordOf<'contacts'>, actions: CardActions): HTMLElement {
  const who = text(contact.name);
  return h(
    'li',
    { class: 'item contact' },
    avatar(who),
    h(
      'div',
      { class: 'item-body' },
      h(
        'p',
        { class: 'item-title' },
        h('strong', {}, who),
        contact.role ? h('span', { class: 'muted' }, ` · ${text(contact.role)}`) : null,
      ),
      contact.phone ? h('p', { class: 'item-sub' }, phoneLink(contact.phone, who)) : null,
      contact.email ? h('p', { class: 'item-sub' }, emailLink(contact.email)) : null,
    ),
    iconButton('edit', `Edit contact ${who}`, () => actions.editContact(contact)),
  );
}

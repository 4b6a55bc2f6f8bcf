/**
 * The sidebar: find a customer, open their card, add and edit records, check the tabs,
 * change settings. The first load fetches settings and the first page in one call; every
 * user action afterwards is one google.script.run round trip, with a visible pending state
 * (calls can take seconds).
 *
 * Screens form a stack: Back (and Esc) returns to where the user came from — a form opened
 * from a card goes back to that card, the list comes back with its filters and scroll.
 */
import type { CustomerCard, Problem } from '../domain/api-types';
import { matchesFolded } from '../domain/search-text';
import {
  ENTITIES,
  inputFields,
  type AnyRecord,
  type EntityName,
  type FieldSpec,
} from '../domain/schema';
import { renderArchive } from './archive';
import { renderCard } from './card';
import {
  getBoot,
  keep,
  knownTitle,
  recall,
  remember,
  setBoot,
  titleOf,
  updateSettings,
  validationContext,
} from './context';
import { h } from './dom';
import { renderForm, type RefOption, type RenderedForm } from './form';
import { renderHelp } from './help';
import { currentQuery, forgetCustomer, renderHome, seedList, setList } from './home';
import { renderProblems } from './problems';
import { callServer, describeFailure } from './rpc';
import { renderSettings } from './settings';
import { currentView, mountShell, show, toast } from './shell';
import { button, iconButton, pending, progressBar, type MenuItem } from './ui';

type Route =
  | { name: 'home' }
  | { name: 'card'; id: string; title: string }
  | {
      name: 'form';
      entity: EntityName;
      record?: AnyRecord;
      defaults?: AnyRecord;
    }
  | { name: 'problems' }
  | { name: 'settings' }
  | { name: 'archive' }
  | { name: 'help' };

interface Entry {
  route: Route;
  scrollTop: number;
}

const stack: Entry[] = [];
/** Cards seen this session: shown at once when the user comes back, then refreshed. */
const cards = new Map<string, CustomerCard>();
/** How the screen on top closes (a form asks first when changed). */
let closeTop: (() => void) | null = null;
/** The card the list should put focus back on. */
let lastCardId: string | null = null;

function top(): Entry {
  return stack[stack.length - 1];
}

function go(route: Route): void {
  if (stack.length) top().scrollTop = currentView().scrollTop;
  stack.push({ route, scrollTop: 0 });
  render(false);
}

function back(): void {
  if (stack.length > 1) stack.pop();
  render(true);
}

/** Goes back to the card of `id` if it is the screen below; otherwise opens it in place. */
function returnToCard(id: string, title: string): void {
  stack.pop();
  const below = top();
  if (below?.route.name === 'card' && below.route.id === id) render(true);
  else go({ name: 'card', id, title });
}

function render(returning: boolean): void {
  closeTop = null;
  const entry = top();
  const { route } = entry;
  const scrollTop = returning ? entry.scrollTop : 0;
  switch (route.name) {
    case 'home':
      return showHome(returning, scrollTop);
    case 'card':
      return showCard(route.id, route.title, scrollTop);
    case 'form':
      return showForm(route.entity, route.record, route.defaults);
    case 'problems':
      return void showProblems();
    case 'settings':
      return void showSettings();
    case 'archive':
      return void showArchive();
    case 'help':
      closeTop = back;
      return show(renderHelp(back));
  }
}

function loading(text: string, title?: string): HTMLElement {
  const bar = progressBar();
  bar.hidden = false;
  return h(
    'div',
    { class: 'loading', 'aria-busy': 'true' },
    bar,
    h(
      'header',
      { class: 'form-header' },
      iconButton('back', 'Back', back),
      title ? h('h2', {}, title) : null,
    ),
    h('p', { class: 'muted' }, text),
  );
}

function errorView(message: string, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'banner', role: 'alert' },
    h('p', {}, message),
    button('Try again', retry, { emphasis: 'primary' }),
  );
}

// -------------------------------------------------------------------------------- home

function homeMenu(): MenuItem[] {
  return [
    { label: 'Log activity', icon: 'log', run: () => newRecord('activities'), shortcut: 'L' },
    { label: 'New deal', icon: 'deal', run: () => newRecord('deals') },
    { label: 'New contact', icon: 'personAdd', run: () => newRecord('contacts') },
    { label: 'New service', icon: 'plus', run: () => newRecord('services') },
    { label: 'Archived customers', icon: 'archive', run: () => go({ name: 'archive' }) },
    { label: 'Settings', icon: 'settings', run: () => go({ name: 'settings' }) },
    { label: 'Help and shortcuts', icon: 'help', run: () => go({ name: 'help' }), shortcut: '?' },
  ];
}

function showHome(returning: boolean, scrollTop: number): void {
  const { view, search } = renderHome(
    {
      openCard: (id, title) => go({ name: 'card', id, title }),
      editCustomer: (record) => go({ name: 'form', entity: 'customers', record }),
      newCustomer: () => newRecord('customers'),
      editSelectedRow,
      checkTabs: () => go({ name: 'problems' }),
      menu: homeMenu(),
    },
    returning || stack.length > 1 || started,
  );
  started = true;
  const row = lastCardId
    ? view.querySelector<HTMLElement>(`button.result[data-id="${CSS.escape(lastCardId)}"]`)
    : null;
  show(view, { focus: returning && row ? row : search, scrollTop });
}
let started = false;

async function editSelectedRow(status: HTMLElement, trigger: HTMLButtonElement): Promise<void> {
  status.textContent = '';
  try {
    const selection = await pending(trigger, 'Opening…', callServer('getSelectedRecord'));
    switch (selection.kind) {
      case 'record':
        return go({ name: 'form', entity: selection.entity, record: selection.record });
      case 'header':
        status.textContent = `That is the header row. Click a ${selection.singular}'s row below the header, then press Edit the selected row.`;
        return;
      case 'blank':
        status.textContent = `Row ${selection.row} of ${selection.tab} is empty. Click a ${selection.singular}'s row, then press Edit the selected row.`;
        return;
      case 'problem':
        status.textContent = `Row ${selection.row} of ${selection.tab} cannot be opened: ${selection.message}. Fix the cell first (Check the tabs lists such rows).`;
        return;
      case 'elsewhere': {
        const tabs = selection.tabs;
        status.textContent = `${selection.tab} holds no records. Click a row in ${tabs.slice(0, -1).join(', ')} or ${tabs[tabs.length - 1]}, then press Edit the selected row.`;
        return;
      }
    }
  } catch (error) {
    status.textContent = describeFailure(error);
  }
}

// -------------------------------------------------------------------------------- card

function showCard(id: string, title: string, scrollTop: number): void {
  lastCardId = id;
  const cached = cards.get(id);
  if (cached) drawCard(cached, scrollTop);
  else show(loading('Opening the card…', title), { focus: null });
  callServer('getCustomerCard', id)
    .then((card) => {
      const still = top().route;
      if (still.name !== 'card' || still.id !== id) return;
      if (!card) {
        cards.delete(id);
        toast('That customer no longer exists (archived or deleted).');
        back();
        return;
      }
      const changed = JSON.stringify(card) !== JSON.stringify(cached);
      cards.set(id, card);
      if (changed) drawCard(card, cached ? currentView().scrollTop : scrollTop, Boolean(cached));
    })
    .catch((error: unknown) => {
      if (!cached) show(errorView(describeFailure(error), () => render(false)));
      else toast(describeFailure(error));
    });
}

function drawCard(card: CustomerCard, scrollTop: number, keepFocus = false): void {
  const id = String(card.customer.id);
  remember('customers', [card.customer]);
  remember('deals', card.deals);
  remember('contacts', card.contacts);
  const title = titleOf('customers', card.customer);
  const focused = keepFocus ? document.activeElement?.getAttribute('aria-label') : null;
  closeTop = back;
  const view = renderCard(card, {
    back,
    edit: () => go({ name: 'form', entity: 'customers', record: card.customer }),
    archive: () => void archiveCustomer(id, title),
    logActivity: () => newRecord('activities', id),
    addDeal: () => newRecord('deals', id),
    editDeal: (deal) => go({ name: 'form', entity: 'deals', record: deal }),
    addContact: () => newRecord('contacts', id),
    editContact: (contact) => go({ name: 'form', entity: 'contacts', record: contact }),
  });
  const again = focused
    ? view.querySelector<HTMLElement>(`[aria-label="${CSS.escape(focused)}"]`)
    : null;
  show(view, { focus: again ?? view.querySelector<HTMLElement>('.tile-primary'), scrollTop });
}

async function archiveCustomer(id: string, title: string): Promise<void> {
  const bar = currentView().querySelector('.card') ? progressBar() : null;
  if (bar) {
    bar.hidden = false;
    currentView().prepend(bar);
  }
  try {
    forgetCustomer(id);
    const response = await callServer('archiveThen', 'customers', id, { list: currentQuery() });
    if (!response.result.ok) {
      toast('error' in response.result ? response.result.error : 'Not archived.');
      return;
    }
    cards.delete(id);
    if (response.list) setList(response.list);
    while (stack.length > 1 && top().route.name !== 'home') stack.pop();
    render(true);
    toast(`Archived: ${title}`, {
      label: 'Undo',
      busyLabel: 'Restoring…',
      run: () => restoreCustomer(id, title),
    });
  } catch (error) {
    toast(describeFailure(error));
  } finally {
    bar?.remove();
  }
}

async function restoreCustomer(id: string, title: string): Promise<void> {
  const response = await callServer('restoreThen', 'customers', id, { card: true });
  if (!response.result.ok) {
    toast('error' in response.result ? response.result.error : 'Not restored.');
    return;
  }
  if (response.card) cards.set(id, response.card);
  go({ name: 'card', id, title });
  toast(`Restored: ${title}`);
}

// -------------------------------------------------------------------------------- forms

/** Values a new record starts with: its customer, me as owner, today, the last type used. */
function newRecord(entity: EntityName, customerId?: string): void {
  const boot = getBoot();
  const defaults: AnyRecord = customerId ? { customerId } : {};
  const has = (key: string) => ENTITIES[entity].fields.some((f) => f.key === key);
  if (has('owner') && boot.user) defaults.owner = boot.user;
  if (entity === 'deals') {
    defaults.stage = 'lead';
    defaults.currency = boot.settings.defaultCurrency;
  }
  if (entity === 'activities') {
    defaults.date = boot.today;
    defaults.type = recall('activityType') ?? 'call';
  }
  if (entity === 'services') {
    defaults.currency = boot.settings.defaultCurrency;
    defaults.active = true;
  }
  go({ name: 'form', entity, defaults });
}

function refSearch(field: FieldSpec, text: string, values: AnyRecord): Promise<RefOption[]> {
  const target = field.ref;
  if (!target) return Promise.resolve([]);
  const customerId = typeof values.customerId === 'string' ? values.customerId : '';
  const toOptions = (records: AnyRecord[]) => {
    remember(target, records);
    return records.map((record) => ({ id: String(record.id), title: titleOf(target, record) }));
  };
  // A deal or contact of this record's customer: only theirs are offered.
  if ((target === 'deals' || target === 'contacts') && customerId && field.key !== 'customerId') {
    const card = cards.get(customerId);
    if (card) {
      const own: AnyRecord[] = target === 'deals' ? card.deals : card.contacts;
      return Promise.resolve(toOptions(own.filter((r) => matchesFolded(titleOf(target, r), text))));
    }
    return callServer('findForCustomer', target, customerId, text).then(toOptions);
  }
  return callServer('listRecords', target, { text, pageSize: 10 }).then((page) =>
    toOptions(page.items),
  );
}

/** The fields of a record a form can set: what Undo puts back after an edit. */
function editableValues(entity: EntityName, record: AnyRecord): AnyRecord {
  const values: AnyRecord = { id: record.id };
  for (const field of inputFields(ENTITIES[entity])) values[field.key] = record[field.key] ?? null;
  return values;
}

function showForm(entity: EntityName, record?: AnyRecord, defaults?: AnyRecord): void {
  const spec = ENTITIES[entity];
  const customerId = String(record?.customerId ?? defaults?.customerId ?? '');
  const customerTitle = customerId ? knownTitle(customerId) : undefined;
  let card: CustomerCard | null | undefined;
  let rendered: RenderedForm;
  rendered = renderForm({
    spec,
    record,
    defaults,
    context: validationContext(),
    subtitle: customerTitle && entity !== 'customers' ? `for ${customerTitle}` : undefined,
    save: async (input, confirmDuplicate) => {
      const response = await callServer(
        'saveThen',
        entity,
        input,
        {
          confirmDuplicate,
          expectedUpdated: record?.updated ? String(record.updated) : undefined,
        },
        { card: true },
      );
      card = response.card;
      return response.result;
    },
    searchRefs: refSearch,
    refTitle: (_field, id) => knownTitle(id),
    onSaved: (saved) => afterSave(entity, saved, record, card),
    onClose: back,
    openDuplicate: (duplicateEntity, id) =>
      duplicateEntity === 'customers'
        ? go({ name: 'card', id, title: knownTitle(id) ?? '' })
        : void openRecord(duplicateEntity, id),
    describeFailure,
  });
  closeTop = () => rendered.requestClose();
  show(rendered.element, { focus: null });
  rendered.focusFirst();
}

function afterSave(
  entity: EntityName,
  saved: AnyRecord,
  before: AnyRecord | undefined,
  card: CustomerCard | null | undefined,
): void {
  remember(entity, [saved]);
  if (entity === 'activities' && typeof saved.type === 'string') keep('activityType', saved.type);
  const title = titleOf(entity, saved);
  if (card) {
    const id = String(card.customer.id);
    cards.set(id, card);
    returnToCard(id, titleOf('customers', card.customer));
  } else {
    back();
  }
  const undo = before?.id
    ? () => undoEdit(entity, editableValues(entity, before), String(saved.updated ?? ''))
    : () => undoCreate(entity, saved);
  toast(before?.id ? `Saved: ${title}` : `Added: ${title}`, {
    label: 'Undo',
    busyLabel: 'Undoing…',
    run: undo,
  });
}

/** Puts the previous values back, unless someone changed the record since the save. */
async function undoEdit(entity: EntityName, previous: AnyRecord, updated: string): Promise<void> {
  try {
    const response = await callServer(
      'saveThen',
      entity,
      previous,
      { expectedUpdated: updated },
      { card: true },
    );
    if (!response.result.ok) {
      toast('error' in response.result ? response.result.error : 'Could not undo.');
      return;
    }
    showAfterUndo(response.card);
    toast('Change undone.');
  } catch (error) {
    toast(describeFailure(error));
  }
}

/** Undoing an addition archives what was added (the row stays, as every archive does). */
async function undoCreate(entity: EntityName, saved: AnyRecord): Promise<void> {
  try {
    const then = entity === 'customers' ? { list: currentQuery() } : { card: true as const };
    const response = await callServer('archiveThen', entity, String(saved.id), then);
    if (!response.result.ok) {
      toast('error' in response.result ? response.result.error : 'Could not undo.');
      return;
    }
    if (entity === 'customers') {
      cards.delete(String(saved.id));
      if (response.list) setList(response.list);
      stack.splice(1);
      render(true);
    } else {
      showAfterUndo(response.card);
    }
    toast(`Removed: ${titleOf(entity, saved)}`);
  } catch (error) {
    toast(describeFailure(error));
  }
}

function showAfterUndo(card: CustomerCard | null | undefined): void {
  if (!card) return render(true);
  const id = String(card.customer.id);
  cards.set(id, card);
  const route = top().route;
  if (route.name === 'card' && route.id === id) drawCard(card, currentView().scrollTop);
  else go({ name: 'card', id, title: titleOf('customers', card.customer) });
}

async function openRecord(entity: EntityName, id: string): Promise<void> {
  try {
    const record = await callServer('getRecord', entity, id);
    if (record) go({ name: 'form', entity, record });
    else toast(`That ${ENTITIES[entity].singular} no longer exists.`);
  } catch (error) {
    toast(describeFailure(error));
  }
}

// -------------------------------------------------------------------------------- tools

async function showProblems(): Promise<void> {
  closeTop = back;
  show(loading('Checking the tabs…', 'Check the tabs'), { focus: null });
  try {
    const problems = await callServer('getProblems');
    if (top().route.name !== 'problems') return;
    show(renderProblems(problems, { back, goTo: goToProblem }));
  } catch (error) {
    show(errorView(describeFailure(error), () => void showProblems()));
  }
}

async function goToProblem(problem: Problem, trigger: HTMLButtonElement): Promise<void> {
  try {
    const { a1 } = await pending(
      trigger,
      'Going to the cell…',
      callServer('goToCell', problem.tab, problem.row, problem.column),
    );
    toast(`Selected ${a1} in ${problem.tab}.`);
  } catch (error) {
    toast(describeFailure(error));
  }
}

async function showSettings(): Promise<void> {
  closeTop = back;
  show(loading('Reading the Settings tab…', 'Settings'), { focus: null });
  try {
    const rows = await callServer('getSettingsForm');
    if (top().route.name !== 'settings') return;
    const settings = renderSettings(rows, {
      save: (values) => callServer('saveSettings', values),
      saved: (saved) => {
        const value = (key: string) => saved.find((s) => s.key === key)?.value;
        updateSettings({
          defaultCountry: value('defaultCountry') ?? getBoot().settings.defaultCountry,
          defaultCurrency: value('defaultCurrency') ?? getBoot().settings.defaultCurrency,
        });
        back();
        toast('Settings saved.');
      },
      close: back,
      describeFailure,
    });
    closeTop = settings.requestClose;
    show(settings.element);
  } catch (error) {
    show(errorView(describeFailure(error), () => void showSettings()));
  }
}

async function showArchive(): Promise<void> {
  closeTop = back;
  show(loading('Finding archived customers…', 'Archived customers'), { focus: null });
  try {
    const list = await callServer('searchCustomers', {
      archived: true,
      sort: 'name',
      pageSize: 200,
    });
    if (top().route.name !== 'archive') return;
    remember('customers', list.items);
    show(
      renderArchive(list.items, list.total, {
        back,
        restore: (record, trigger, row) => {
          const id = String(record.id);
          const title = titleOf('customers', record);
          void pending(trigger, 'Restoring…', callServer('restoreThen', 'customers', id))
            .then((response) => {
              if (!response.result.ok) {
                toast('error' in response.result ? response.result.error : 'Not restored.');
                return;
              }
              row.remove();
              toast(`Restored: ${title}`, {
                label: 'Open',
                busyLabel: 'Opening…',
                run: async () => go({ name: 'card', id, title }),
              });
            })
            .catch((error: unknown) => toast(describeFailure(error)));
        },
      }),
    );
  } catch (error) {
    show(errorView(describeFailure(error), () => void showArchive()));
  }
}

// -------------------------------------------------------------------------------- keys

function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(
    element &&
    (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)),
  );
}

/** Single keys when the cursor is not in a field, like Gmail's: / N L E ? and Esc. */
function onKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (!stack.length) return;
  const route = top().route;
  if (event.key === 'Escape') {
    if (stack.length > 1 && closeTop) {
      event.preventDefault();
      closeTop();
    }
    return;
  }
  if (typingIn(event.target) || route.name === 'form' || route.name === 'settings') return;
  const key = event.key.toLowerCase();
  if (key === '/') {
    event.preventDefault();
    if (route.name === 'home') document.getElementById('search')?.focus();
    else {
      stack.splice(1);
      render(true);
      document.getElementById('search')?.focus();
    }
  } else if (key === 'n') {
    event.preventDefault();
    newRecord('customers');
  } else if (key === 'l') {
    event.preventDefault();
    newRecord('activities', route.name === 'card' ? route.id : undefined);
  } else if (key === 'e' && route.name === 'card') {
    const card = cards.get(route.id);
    if (card) {
      event.preventDefault();
      go({ name: 'form', entity: 'customers', record: card.customer });
    }
  } else if (key === '?') {
    event.preventDefault();
    go({ name: 'help' });
  }
}

// -------------------------------------------------------------------------------- start

function setupView(): HTMLElement {
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const tabs = Object.values(ENTITIES).map((spec) => spec.tab);
  const setup: HTMLButtonElement = button(
    'Set up tabs',
    () => {
      status.textContent = `Creating the ${tabs.slice(0, -1).join(', ')} and ${tabs[tabs.length - 1]} tabs…`;
      pending(setup, 'Setting up…', callServer('setupTabs'))
        .then(() => start())
        .catch((error: unknown) => {
          status.textContent = describeFailure(error);
        });
    },
    { emphasis: 'primary' },
  );
  return h(
    'div',
    { class: 'setup-view empty-state' },
    h('h2', {}, 'Welcome to Kartoteka'),
    h(
      'p',
      {},
      'This spreadsheet has no card index yet. Kartoteka will add its tabs; nothing you already have is changed.',
    ),
    setup,
    status,
  );
}

async function start(): Promise<void> {
  const bar = progressBar();
  bar.hidden = false;
  show(h('div', { 'aria-busy': 'true' }, bar, h('p', { class: 'muted' }, 'Loading Kartoteka…')));
  try {
    const boot = await callServer('getSidebarBootstrap');
    setBoot(boot);
    document.getElementById('app')!.dataset.ready = 'true';
    seedList(boot.firstPage);
    if (boot.needsSetup) {
      show(setupView());
      return;
    }
    stack.splice(0, stack.length, { route: { name: 'home' }, scrollTop: 0 });
    render(false);
    // Extensions ▸ Kartoteka ▸ Help opens the sidebar on Help (src/server/menu.ts).
    if ((window as { kartotekaStart?: string }).kartotekaStart === 'help') go({ name: 'help' });
  } catch (error) {
    show(errorView(describeFailure(error), () => void start()));
  }
}

mountShell();
document.addEventListener('keydown', onKey);
void start();

/**
 * The sidebar: search the card index, add and edit records, open a customer card. The
 * first load fetches schema, settings and the first page in one call; every user action
 * afterwards is one google.script.run round trip.
 */
import {
  ENTITIES,
  RECORD_ENTITIES,
  recordTitle,
  type AnyRecord,
  type EntityName,
  type FieldSpec,
} from '../domain/schema';
import type { ValidationContext } from '../domain/validate';
import type { ListResult, SidebarBootstrap } from '../domain/api-types';
import { callServer, describeFailure } from './rpc';
import { h, replaceChildren } from './dom';
import { renderForm, type RefOption } from './form';
import { renderCard } from './card';
import { importHome } from './import-view';

const root = document.getElementById('app') as HTMLElement;
const toasts = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });

let boot: SidebarBootstrap;
/** The last customer list shown, so going back shows it at once while it refreshes. */
let lastPage: ListResult;
/** Titles of records seen so far, so references show names rather than ids. */
const titles = new Map<string, string>();

function titleOf(entity: EntityName, record: AnyRecord): string {
  return recordTitle(ENTITIES[entity], record);
}

function remember(entity: EntityName, records: AnyRecord[]): void {
  for (const record of records)
    if (record.id) titles.set(String(record.id), titleOf(entity, record));
}

function toast(message: string): void {
  const item = h('p', { class: 'toast' }, message);
  toasts.appendChild(item);
  setTimeout(() => item.remove(), 4000);
}

function validationContext(): ValidationContext {
  return {
    today: boot.today,
    defaultCountry: boot.settings.defaultCountry,
    defaultCurrency: boot.settings.defaultCurrency,
  };
}

function show(view: HTMLElement, focus?: HTMLElement | null): void {
  replaceChildren(root, view, toasts);
  (focus ?? view.querySelector<HTMLElement>('input, select, textarea, button'))?.focus();
}

function errorView(message: string, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'banner', role: 'alert' },
    h('p', {}, message),
    h('button', { type: 'button', class: 'action', onclick: retry }, 'Try again'),
  );
}

// ---------------------------------------------------------------------------------------

function searchView(refresh: boolean): HTMLElement {
  const results = h('ul', { class: 'results', 'aria-label': 'Customers' });
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const input = h('input', {
    type: 'search',
    id: 'search',
    placeholder: 'Name, email, phone, tag, company',
    autocomplete: 'off',
  });
  const renderResults = (items: AnyRecord[], total: number) => {
    remember('customers', items);
    count.textContent = total === 1 ? '1 customer' : `${total} customers`;
    replaceChildren(
      results,
      ...items.map((record) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'result', onclick: () => void openCard(String(record.id)) },
            h('strong', {}, titleOf('customers', record)),
            record.email ? h('span', { class: 'muted' }, ` ${String(record.email)}`) : null,
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'link edit',
              'aria-label': `Edit ${titleOf('customers', record)}`,
              onclick: () => openForm('customers', record),
            },
            'Edit',
          ),
        ),
      ),
    );
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let requestNumber = 0;
  const search = () => {
    const mine = ++requestNumber;
    callServer('listRecords', 'customers', { text: input.value, pageSize: 25 })
      .then((page) => {
        if (mine !== requestNumber) return;
        lastPage = page;
        renderResults(page.items, page.total);
      })
      .catch((error: unknown) => {
        if (mine === requestNumber) count.textContent = describeFailure(error);
      });
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  // Show what we had at once, then the list as it is now (others may have added customers).
  renderResults(lastPage.items, lastPage.total);
  if (refresh) search();

  const addSelect = h(
    'select',
    { id: 'add-type', 'aria-label': 'Record type to add' },
    ...RECORD_ENTITIES.map((entity) => h('option', { value: entity }, ENTITIES[entity].singular)),
  );
  return h(
    'div',
    { class: 'search-view' },
    h('h1', {}, 'Kartoteka'),
    h(
      'div',
      { class: 'add-row' },
      addSelect,
      h(
        'button',
        {
          type: 'button',
          class: 'action',
          onclick: () => {
            const entity = RECORD_ENTITIES.find((name) => name === addSelect.value);
            if (entity) openForm(entity);
          },
        },
        'Add',
      ),
      h(
        'button',
        { type: 'button', onclick: () => void editSelectedRow() },
        'Edit the selected row',
      ),
      h('button', { type: 'button', onclick: () => void showProblems() }, 'Check the tabs'),
      h(
        'button',
        { type: 'button', onclick: () => show(importHome({ show, home: () => home(), toast })) },
        'Import & merge…',
      ),
    ),
    h('label', { for: 'search' }, 'Search customers'),
    input,
    count,
    results,
  );
}

/** Rows typed by hand that break a rule: where they are and what to fix. */
async function showProblems(): Promise<void> {
  show(h('p', { class: 'muted', 'aria-busy': 'true' }, 'Checking the tabs…'));
  try {
    const problems = await callServer('getProblems');
    show(
      h(
        'div',
        { class: 'problems-view' },
        h('button', { type: 'button', class: 'link back', onclick: () => home() }, '‹ Back'),
        h(
          'h2',
          {},
          problems.length
            ? `${problems.length} problem${problems.length === 1 ? '' : 's'} in the tabs`
            : 'No problems found',
        ),
        problems.length
          ? h(
              'ul',
              { class: 'card-list problems' },
              ...problems.map((p) =>
                h('li', {}, h('strong', {}, `${p.tab} row ${p.row}, ${p.column}: `), p.message),
              ),
            )
          : h(
              'p',
              { class: 'muted' },
              'Every row in the tabs passes the same checks as the forms.',
            ),
        problems.length
          ? h(
              'p',
              { class: 'muted' },
              'Fix them in the sheet; Kartoteka skips these rows until then.',
            )
          : null,
      ),
    );
  } catch (error) {
    show(errorView(describeFailure(error), () => void showProblems()));
  }
}

function home(refresh = true): void {
  const view = searchView(refresh);
  show(view, view.querySelector<HTMLElement>('#search'));
}

function refSearch(field: FieldSpec, text: string): Promise<RefOption[]> {
  const target = field.ref;
  if (!target) return Promise.resolve([]);
  return callServer('listRecords', target, { text, pageSize: 10 }).then((page) => {
    remember(target, page.items);
    return page.items.map((record) => ({ id: String(record.id), title: titleOf(target, record) }));
  });
}

function openForm(entity: EntityName, record?: AnyRecord, defaults?: AnyRecord): void {
  const spec = ENTITIES[entity];
  const back = () =>
    entity === 'customers' || !defaults?.customerId
      ? home()
      : void openCard(String(defaults.customerId));
  const form = renderForm({
    spec,
    record,
    defaults,
    context: validationContext(),
    save: (input, confirmDuplicate) =>
      callServer('saveRecord', entity, input, {
        confirmDuplicate,
        expectedUpdated: record?.updated ? String(record.updated) : undefined,
      }),
    searchRefs: refSearch,
    refTitle: (_field, id) => titles.get(id),
    onSaved: (saved) => {
      remember(entity, [saved]);
      toast(`Saved: ${titleOf(entity, saved)}`);
      if (entity === 'customers') void openCard(String(saved.id));
      else if (saved.customerId) void openCard(String(saved.customerId));
      else home();
    },
    onCancel: back,
    openDuplicate: (duplicateEntity, id) =>
      duplicateEntity === 'customers' ? void openCard(id) : void openRecord(duplicateEntity, id),
    describeFailure,
  });
  show(
    h(
      'div',
      { class: 'form-view' },
      h('h2', {}, record?.id ? `Edit ${spec.singular}` : `New ${spec.singular}`),
      form,
    ),
  );
}

async function openRecord(entity: EntityName, id: string): Promise<void> {
  try {
    const record = await callServer('getRecord', entity, id);
    if (record) openForm(entity, record);
    else toast(`That ${ENTITIES[entity].singular} no longer exists.`);
  } catch (error) {
    toast(describeFailure(error));
  }
}

async function openCard(id: string): Promise<void> {
  const loading = h('p', { class: 'muted', 'aria-busy': 'true' }, 'Opening the card…');
  show(loading);
  try {
    const card = await callServer('getCustomerCard', id);
    if (!card) {
      toast('That customer no longer exists.');
      home();
      return;
    }
    remember('customers', [card.customer]);
    show(
      renderCard(card, boot.today, {
        back: home,
        archive: () => void archiveCustomer(id, titleOf('customers', card.customer)),
        edit: () => openForm('customers', card.customer),
        editDeal: (deal) => openForm('deals', deal, { customerId: id }),
        editContact: (contact) => openForm('contacts', contact, { customerId: id }),
        addContact: () => openForm('contacts', undefined, { customerId: id }),
        logActivity: () => openForm('activities', undefined, { customerId: id, date: boot.today }),
        addDeal: () =>
          openForm('deals', undefined, { customerId: id, currency: boot.settings.defaultCurrency }),
      }),
    );
  } catch (error) {
    show(errorView(describeFailure(error), () => void openCard(id)));
  }
}

async function archiveCustomer(id: string, title: string): Promise<void> {
  try {
    const result = await callServer('archiveRecord', 'customers', id);
    if (result.ok) {
      toast(`Archived: ${title}`);
      // Leave it out of the list shown while the fresh one loads.
      const items = lastPage.items.filter((item) => item.id !== id);
      lastPage = {
        ...lastPage,
        items,
        total: lastPage.total - (lastPage.items.length - items.length),
      };
      home();
    } else {
      toast('error' in result ? result.error : 'Not archived.');
    }
  } catch (error) {
    toast(describeFailure(error));
  }
}

async function editSelectedRow(): Promise<void> {
  try {
    const active = await callServer('getActiveRecord');
    if (!active) {
      const tabs = RECORD_ENTITIES.map((e) => ENTITIES[e].tab);
      toast(`Select a row in ${tabs.slice(0, -1).join(', ')} or ${tabs[tabs.length - 1]} first.`);
      return;
    }
    openForm(active.entity, active.record);
  } catch (error) {
    toast(describeFailure(error));
  }
}

function setupView(): HTMLElement {
  const button = h('button', { type: 'button', class: 'action' }, 'Set up tabs');
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  button.addEventListener('click', () => {
    button.disabled = true;
    const tabs = Object.values(ENTITIES).map((spec) => spec.tab);
    status.textContent = `Creating the ${tabs.slice(0, -1).join(', ')} and ${tabs[tabs.length - 1]} tabs…`;
    callServer('setupTabs')
      .then(() => start())
      .catch((error: unknown) => {
        button.disabled = false;
        status.textContent = describeFailure(error);
      });
  });
  return h(
    'div',
    { class: 'setup-view' },
    h('h1', {}, 'Kartoteka'),
    h(
      'p',
      {},
      'This spreadsheet has no card index yet. Kartoteka will add its tabs; nothing you already have is changed.',
    ),
    button,
    status,
  );
}

async function start(): Promise<void> {
  show(h('p', { class: 'muted', 'aria-busy': 'true' }, 'Loading Kartoteka…'));
  try {
    boot = await callServer('getSidebarBootstrap');
    root.dataset.ready = 'true';
    lastPage = boot.firstPage;
    if (boot.needsSetup) show(setupView());
    else home(false);
  } catch (error) {
    show(errorView(describeFailure(error), () => void start()));
  }
}

void start();

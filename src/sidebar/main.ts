/**
 * The sidebar: find a customer, open their card, add and edit records, check the tabs,
 * change settings. The first load fetches settings and the first page in one call; every
 * user action afterwards is one google.script.run round trip, with a visible pending state
 * (calls can take seconds).
 *
 * This file draws each screen of the stack (nav.ts), builds the list screen and the
 * set-up screen, and handles the keyboard shortcuts; the card and forms are in
 * record-screens.ts, the tools in tool-screens.ts.
 */
import { ENTITIES } from '../domain/schema';
import { setBoot } from './context';
import { fetchCustomerIndex, fullRecord } from './customer-index';
import { h } from './dom';
import { renderHelp } from './help';
import { renderHome, seedList } from './home';
import {
  back,
  backToHome,
  closeTop,
  depth,
  errorView,
  go,
  reset,
  setCloser,
  setScreens,
  top,
  type Entry,
} from './nav';
import { cachedCard, lastCard, newRecord, showCard, showForm } from './record-screens';
import { callServer, describeFailure } from './rpc';
import { mountShell, show, toast } from './shell';
import { importHome, type ViewHost } from './import-view';
import { showArchive, showProblems, showSettings } from './tool-screens';
import { showDashboard } from './dashboard-screen';
import { showReminders } from './reminders-screen';
import { reminderBanner } from './reminder-banner';
import { button, pending, progressBar, type MenuItem } from './ui';

/** The import and merge screens draw over the list; their Back and Done return to it. */
const importHost: ViewHost = { show: (view) => show(view), home: () => backToHome(), toast };

function drawScreen(entry: Entry, returning: boolean): void {
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
      setCloser(back);
      return show(renderHelp(back));
    case 'dashboard':
      return void showDashboard(returning ? scrollTop : undefined);
    case 'reminders':
      return void showReminders();
  }
}

// -------------------------------------------------------------------------------- home

function homeMenu(): MenuItem[] {
  return [
    { label: 'Log activity', icon: 'log', run: () => newRecord('activities'), shortcut: 'L' },
    { label: 'New deal', icon: 'deal', run: () => newRecord('deals') },
    { label: 'New contact', icon: 'personAdd', run: () => newRecord('contacts') },
    { label: 'New service', icon: 'plus', run: () => newRecord('services') },
    { label: 'Dashboard', icon: 'chart', run: () => go({ name: 'dashboard' }), shortcut: 'D' },
    { label: 'Reminders', icon: 'bell', run: () => go({ name: 'reminders' }), shortcut: 'R' },
    { label: 'Archived customers', icon: 'archive', run: () => go({ name: 'archive' }) },
    { label: 'Import and merge', icon: 'row', run: () => show(importHome(importHost)) },
    { label: 'Settings', icon: 'settings', run: () => go({ name: 'settings' }) },
    { label: 'Help and shortcuts', icon: 'help', run: () => go({ name: 'help' }), shortcut: '?' },
  ];
}

/** The first list comes with start-up; every later visit refreshes it. */
let started = false;

function showHome(returning: boolean, scrollTop: number): void {
  const { view, search } = renderHome(
    {
      openCard: (id, title) => go({ name: 'card', id, title }),
      editCustomer: (record) =>
        void fullRecord(record).then((full) =>
          go({ name: 'form', entity: 'customers', record: full }),
        ),
      newCustomer: () => newRecord('customers'),
      editSelectedRow,
      checkTabs: () => go({ name: 'problems' }),
      banner: reminderBanner(() => go({ name: 'reminders' })),
      menu: homeMenu(),
    },
    returning || depth() > 1 || started,
  );
  started = true;
  const last = lastCard();
  const row = last
    ? view.querySelector<HTMLElement>(`button.result[data-id="${CSS.escape(last)}"]`)
    : null;
  show(view, { focus: returning && row ? row : search, scrollTop });
}

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
  if (!depth()) return;
  const route = top().route;
  if (event.key === 'Escape') {
    if (closeTop()) event.preventDefault();
    return;
  }
  if (typingIn(event.target) || route.name === 'form' || route.name === 'settings') return;
  const key = event.key.toLowerCase();
  if (key === '/') {
    event.preventDefault();
    if (route.name === 'home') document.getElementById('search')?.focus();
    else {
      backToHome();
      document.getElementById('search')?.focus();
    }
  } else if (key === 'n') {
    event.preventDefault();
    newRecord('customers');
  } else if (key === 'l') {
    event.preventDefault();
    newRecord('activities', route.name === 'card' ? route.id : undefined);
  } else if (key === 'e' && route.name === 'card') {
    const card = cachedCard(route.id);
    if (card) {
      event.preventDefault();
      go({ name: 'form', entity: 'customers', record: card.customer });
    }
  } else if (key === '?') {
    event.preventDefault();
    go({ name: 'help' });
  } else if (
    (key === 'd' || key === 'r') &&
    route.name !== 'dashboard' &&
    route.name !== 'reminders'
  ) {
    event.preventDefault();
    go({ name: key === 'd' ? 'dashboard' : 'reminders' });
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
    if (!boot.needsSetup) void fetchCustomerIndex();
    if (boot.needsSetup) {
      show(setupView());
      return;
    }
    reset({ name: 'home' });
    // Extensions ▸ Kartoteka ▸ Help opens the sidebar on Help (src/server/menu.ts).
    if ((window as { kartotekaStart?: string }).kartotekaStart === 'help') go({ name: 'help' });
  } catch (error) {
    show(errorView(describeFailure(error), () => void start()));
  }
}

setScreens(drawScreen);
mountShell();
document.addEventListener('keydown', onKey);
void start();

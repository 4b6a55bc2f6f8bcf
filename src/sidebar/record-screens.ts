/**
 * The customer card and the record forms: open, save (with the fresh card in the same
 * call), undo a save or an archive, and the pickers that offer only the customer's own
 * deals and contacts.
 */
import type { CustomerCard } from '../domain/api-types';
import { matchesFolded } from '../domain/search-text';
import {
  ENTITIES,
  type AnyRecord,
  type EntityName,
  type FieldSpec,
  type FieldValue,
} from '../domain/schema';
import { renderCard } from './card';
import {
  display,
  getBoot,
  keep,
  knownTitle,
  recall,
  remember,
  titleOf,
  validationContext,
} from './context';
import { renderForm, type RefOption, type RenderedForm, type SaveRequest } from './form';
import { currentQuery, forgetCustomer, setList } from './home';
import {
  back,
  backToHome,
  errorView,
  go,
  loading,
  render,
  returnToCard,
  setCloser,
  top,
} from './nav';
import { callServer, describeFailure } from './rpc';
import { currentView, show, toast } from './shell';
import { progressBar } from './ui';
import { actOnUpcoming } from './upcoming';

/** Cards seen this session: shown at once when the user comes back, then refreshed. */
const cards = new Map<string, CustomerCard>();
/** The card the list should put focus back on. */
let lastCardId: string | null = null;

export function lastCard(): string | null {
  return lastCardId;
}

export function cachedCard(id: string): CustomerCard | undefined {
  return cards.get(id);
}

export function showCard(id: string, title: string, scrollTop: number): void {
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
  setCloser(back);
  const view = renderCard(card, {
    back,
    edit: () => go({ name: 'form', entity: 'customers', record: card.customer }),
    archive: () => void archiveCustomer(id, title),
    logActivity: () => newRecord('activities', id),
    addDeal: () => newRecord('deals', id),
    editDeal: (deal) => go({ name: 'form', entity: 'deals', record: deal }),
    addContact: () => newRecord('contacts', id),
    editContact: (contact) => go({ name: 'form', entity: 'contacts', record: contact }),
    upcoming: (item, action, entry) =>
      void actOnUpcoming(id, item, action, entry, (fresh) => redrawCard(id, fresh)),
  });
  const again = focused
    ? view.querySelector<HTMLElement>(`[aria-label="${CSS.escape(focused)}"]`)
    : null;
  show(view, { focus: again ?? view.querySelector<HTMLElement>('.tile-primary'), scrollTop });
}

/** A card sent back by an action on it: cached, and drawn in place if it is still shown. */
function redrawCard(id: string, card: CustomerCard | null): void {
  const route = top().route;
  const shown = route.name === 'card' && route.id === id;
  if (!card) {
    cards.delete(id);
    if (shown) back();
    return;
  }
  cards.set(id, card);
  if (shown) drawCard(card, currentView().scrollTop, true);
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
    backToHome();
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

/** Values a new record starts with: its customer, me as owner, today, the last type used. */
export function newRecord(entity: EntityName, customerId?: string): void {
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

/**
 * Undo of an edit: the fields the save changed, put back to what it replaced, each compared
 * with what the save wrote — a field someone changed since is not undone over them.
 */
function undoPatch(sent: SaveRequest, saved: AnyRecord): SaveRequest {
  const input: AnyRecord = { id: saved.id };
  const seen: Record<string, FieldValue> = {
    updated: saved.updated ?? null,
    updatedBy: saved.updatedBy ?? null,
  };
  for (const key of Object.keys(sent.input)) {
    if (key === 'id') continue;
    input[key] = sent.seen?.[key] ?? null;
    seen[key] = saved[key] ?? null;
  }
  return { input, confirmDuplicate: false, seen };
}

export function showForm(entity: EntityName, record?: AnyRecord, defaults?: AnyRecord): void {
  const spec = ENTITIES[entity];
  const customerId = String(record?.customerId ?? defaults?.customerId ?? '');
  const customerTitle = customerId ? knownTitle(customerId) : undefined;
  let card: CustomerCard | null | undefined;
  /** What the save said about Settings values it replaced by their defaults. */
  let settingsNotes: string[] = [];
  let rendered: RenderedForm;
  rendered = renderForm({
    spec,
    record,
    defaults,
    context: validationContext(),
    display: display(),
    subtitle: customerTitle && entity !== 'customers' ? `for ${customerTitle}` : undefined,
    save: async ({ input, confirmDuplicate, seen }) => {
      const response = await callServer(
        'saveThen',
        entity,
        input,
        { confirmDuplicate, seen },
        { card: true },
      );
      card = response.card;
      settingsNotes = (response.result.ok && response.result.settingsNotes) || [];
      return response.result;
    },
    searchRefs: refSearch,
    refTitle: (_field, id) => knownTitle(id),
    onSaved: (saved, sent) => afterSave(entity, saved, record, card, sent, settingsNotes),
    onClose: back,
    openDuplicate: (duplicateEntity, id) =>
      duplicateEntity === 'customers'
        ? go({ name: 'card', id, title: knownTitle(id) ?? '' })
        : void openRecord(duplicateEntity, id),
    describeFailure,
  });
  setCloser(() => rendered.requestClose());
  show(rendered.element, { focus: null });
  rendered.focusFirst();
}

function afterSave(
  entity: EntityName,
  saved: AnyRecord,
  before: AnyRecord | undefined,
  card: CustomerCard | null | undefined,
  sent: SaveRequest,
  settingsNotes: readonly string[] = [],
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
    ? () => undoEdit(entity, undoPatch(sent, saved))
    : () => undoCreate(entity, saved);
  const said = before?.id ? `Saved: ${title}` : `Added: ${title}`;
  toast(settingsNotes.length ? `${said}. ${settingsNotes.join(' ')}` : said, {
    label: 'Undo',
    busyLabel: 'Undoing…',
    run: undo,
  });
}

/** Puts the previous values back, unless someone changed those fields since the save. */
async function undoEdit(entity: EntityName, undo: SaveRequest): Promise<void> {
  try {
    const response = await callServer(
      'saveThen',
      entity,
      undo.input,
      { seen: undo.seen },
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
      backToHome();
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

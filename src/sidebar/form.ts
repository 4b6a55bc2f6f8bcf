/**
 * A record form generated from the schema: the right input per field kind, required fields
 * marked, help text only where it adds to the label, and the same validation the server
 * runs — on blur per field, and for the whole form before anything is sent. Save stays in
 * view in a sticky bar; leaving a changed form asks first.
 *
 * An edit sends only the fields the user changed, each with the value the form showed
 * before (SaveOptions.seen): the server refuses a field changed in the sheet meanwhile, and
 * the form then lets the user take the sheet's value or keep theirs (conflicts.ts).
 */
import {
  inputFields,
  type AnyRecord,
  type EntityName,
  type EntitySpec,
  type FieldSpec,
  type FieldValue,
} from '../domain/schema';
import { FIELD_KINDS } from '../domain/field-kinds';
import { formatPhone } from '../domain/format';
import { validateField, validateInput, type ValidationContext } from '../domain/validate';
import type { FieldConflict, SaveResult } from '../domain/api-types';
import type { DisplayContext } from '../domain/format';
import { append, h, replaceChildren, uniqueId } from './dom';
import { CONTROLS, type RefLookup } from './controls';
import { button, iconButton } from './ui';
import { conflictBox, shownValue } from './conflicts';

export type { RefOption } from './controls';

export interface FormOptions extends RefLookup {
  spec: EntitySpec;
  /** The record being edited; absent for a new one. Values prefill the form. */
  record?: AnyRecord;
  /** Values for a new record (e.g. the customer of a new deal). */
  defaults?: AnyRecord;
  context: ValidationContext;
  /** "for Hotel Wawel": what the form belongs to. */
  subtitle?: string;
  /** How values read to the user (a conflict shows the sheet's value). */
  display: DisplayContext;
  /** Sends the values; one server round trip. */
  save(request: SaveRequest): Promise<SaveResult>;
  /** The record as saved, and what the form sent for it (Undo puts back what it replaced). */
  onSaved(record: AnyRecord, sent: SaveRequest): void;
  /** Leave the form (changes, if any, already confirmed as discarded). */
  onClose(): void;
  openDuplicate(entity: EntityName, id: string): void;
  describeFailure(error: unknown): string;
}

/**
 * What a save sends. A new record: every value. An edit: the id and the fields the user
 * changed, with `seen` holding what the form showed of each before (and the record's
 * stamps, so a conflict can say who changed it).
 */
export interface SaveRequest {
  input: AnyRecord;
  confirmDuplicate: boolean;
  seen?: Record<string, FieldValue>;
}

export interface RenderedForm {
  element: HTMLElement;
  /** The first field to fill: the first empty required one, else the first empty one. */
  focusFirst(): void;
  /** Escape or Back: leaves at once when nothing changed, otherwise asks. */
  requestClose(): void;
}

interface FieldControl {
  field: FieldSpec;
  wrapper: HTMLElement;
  read(): FieldValue;
  check?(): string | null;
  focus(): void;
}

function hasValue(value: unknown): boolean {
  return (
    value !== null &&
    value !== undefined &&
    value !== '' &&
    value !== false &&
    !(Array.isArray(value) && !value.length)
  );
}

/** Help that only repeats the label ("City" under City) is left out. */
function usefulHelp(field: FieldSpec): string | null {
  const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const help = field.description?.trim();
  return help && squash(help) !== squash(field.label) ? help : null;
}

/**
 * One form: its fields, what the user did to them (changed, shown an error), and the save
 * with the server's answer. Each method does one of those things.
 */
class RecordForm {
  readonly spec: EntitySpec;
  readonly isEdit: boolean;
  readonly controls = new Map<string, FieldControl>();
  readonly messages = new Map<string, HTMLElement>();
  /** Fields that showed an error: only they get "✓ looks good" once fixed. */
  readonly hadError = new Set<string>();
  /** Fields the user changed: an untouched empty field is not "required" until Save. */
  readonly edited = new Set<string>();
  saving = false;
  pristine = '';
  /** What each control read when the form opened (or took the sheet's value): unchanged. */
  readonly pristineRead = new Map<string, string>();
  /** The record as the user last saw it from the server: what `seen` sends. */
  readonly baseline: AnyRecord;
  /** Fields refused as changed in the sheet, waiting for the user's choice. */
  readonly conflicts = new Map<string, { conflict: FieldConflict; box: HTMLElement }>();
  /** A conflict was answered "keep mine": the save goes again once all are answered. */
  keepChosen = false;

  readonly banner = h('div', { class: 'banner', role: 'alert', hidden: true });
  readonly missing = h('p', { class: 'missing', 'aria-live': 'polite' });
  readonly saveLabel: string;
  readonly saveButton: HTMLButtonElement;
  readonly cancelButton: HTMLButtonElement;
  readonly footer = h('div', { class: 'form-actions' });
  readonly fields = h('div', { class: 'fields' });
  readonly form: HTMLFormElement;
  // Few fields up front (entry must not be painful); the rest one click away.
  readonly more = h('details', { class: 'more-fields' }, h('summary', {}, 'More details'));

  constructor(readonly options: FormOptions) {
    this.spec = options.spec;
    this.isEdit = Boolean(options.record?.id);
    this.baseline = { ...(options.record ?? {}) };
    this.saveLabel = this.isEdit ? 'Save changes' : `Add ${this.spec.singular}`;
    this.saveButton = button(this.saveLabel, () => undefined, {
      emphasis: 'primary',
      type: 'submit',
    });
    this.cancelButton = button('Cancel', () => this.requestClose(), { emphasis: 'text' });
    this.form = h('form', {
      class: 'record-form',
      novalidate: true,
      'data-entity': this.spec.name,
    });
  }

  /** The starting values: the record, else the defaults; phones as people write them. */
  initialValues(): AnyRecord {
    const { options } = this;
    const initial: AnyRecord = { ...(options.defaults ?? {}), ...(options.record ?? {}) };
    for (const field of this.spec.fields)
      initial[field.key] = this.shown(field, initial[field.key]);
    return initial;
  }

  /** A stored value as its control shows it. */
  shown(field: FieldSpec, value: FieldValue | undefined): FieldValue | undefined {
    // The server stores the international form again.
    if (field.kind === 'phone' && typeof value === 'string' && value) {
      return formatPhone(value, this.options.context.defaultCountry);
    }
    return value;
  }

  /** Visible fields whose control reads otherwise than when the form opened. */
  changedKeys(): string[] {
    return [...this.controls]
      .filter(([key, control]) => !control.wrapper.hidden && this.isChanged(key))
      .map(([key]) => key);
  }

  isChanged(key: string): boolean {
    return JSON.stringify(this.controls.get(key)?.read()) !== this.pristineRead.get(key);
  }

  /** A new record's values, or an edit's changed fields with what the form showed of them. */
  request(confirmDuplicate: boolean): SaveRequest {
    if (!this.isEdit) return { input: this.values(), confirmDuplicate };
    const input: AnyRecord = { id: this.options.record?.id };
    const seen: Record<string, FieldValue> = {};
    for (const key of this.changedKeys()) {
      input[key] = this.controls.get(key)?.read();
      seen[key] = this.baseline[key] ?? null;
    }
    for (const stamp of ['updated', 'updatedBy']) {
      if (this.baseline[stamp] !== undefined) seen[stamp] = this.baseline[stamp] ?? null;
    }
    return { input, confirmDuplicate, seen };
  }

  values(): AnyRecord {
    const out: AnyRecord = {};
    if (this.options.record?.id) out.id = this.options.record.id;
    for (const [key, control] of this.controls) {
      if (!control.wrapper.hidden) out[key] = control.read();
    }
    return out;
  }

  isDirty(): boolean {
    return JSON.stringify(this.values()) !== this.pristine;
  }

  setMessage(key: string, message: string | null): void {
    const control = this.controls.get(key);
    const slot = this.messages.get(key);
    if (!control || !slot) return;
    if (message && control.field.advanced) this.more.open = true;
    const input = control.wrapper.querySelector('input, select, textarea');
    if (message) {
      this.hadError.add(key);
      slot.textContent = message;
      slot.className = 'field-message error';
      input?.setAttribute('aria-invalid', 'true');
    } else {
      slot.textContent = this.hadError.has(key) && hasValue(control.read()) ? '✓ looks good' : '';
      slot.className = 'field-message ok';
      input?.removeAttribute('aria-invalid');
    }
  }

  checkField(key: string): string | null {
    const control = this.controls.get(key);
    if (!control) return null;
    const message =
      control.check?.() ?? validateField(this.spec.name, key, control.read(), this.options.context);
    this.setMessage(key, message);
    return message;
  }

  updateVisibility(): void {
    const current = this.values();
    for (const control of this.controls.values()) {
      const rule = control.field.showIf;
      if (!rule) continue;
      const other = this.controls.get(rule.field)?.read() ?? current[rule.field];
      control.wrapper.hidden = !rule.equals.includes(String(other ?? ''));
    }
  }

  /** Every problem: the schema's, and what only a control sees (an unmatched picker). */
  allProblems(): Record<string, string> {
    const result = validateInput(this.spec.name, this.values(), this.options.context);
    const problems: Record<string, string> = result.ok ? {} : { ...result.fieldErrors };
    for (const [key, control] of this.controls) {
      const own = control.wrapper.hidden ? null : control.check?.();
      if (own) problems[key] = own;
    }
    return problems;
  }

  updateMissing(): void {
    const labels = Object.keys(this.allProblems()).map(
      (key) => this.spec.fields.find((f) => f.key === key)?.label ?? key,
    );
    this.missing.textContent = labels.length ? `To save, fix: ${labels.join(', ')}.` : '';
  }

  /** A field changed: re-check a shown error as it is fixed; report a paste over the limit. */
  onChange(field: FieldSpec): void {
    this.edited.add(field.key);
    const value = this.controls.get(field.key)?.read();
    const tooLong =
      typeof value === 'string' && field.maxLength !== undefined && value.length > field.maxLength;
    if (this.messages.get(field.key)?.classList.contains('error') || tooLong) {
      this.checkField(field.key);
    }
    this.updateVisibility();
    this.updateMissing();
  }

  addField(field: FieldSpec, value: unknown): void {
    append(field.advanced === true ? this.more : this.fields, this.buildField(field, value));
  }

  /** A field's control with its value, in place of the one it has (the sheet's value taken). */
  replaceField(field: FieldSpec, value: unknown): void {
    const old = this.controls.get(field.key)?.wrapper;
    const fresh = this.buildField(field, value);
    fresh.hidden = old?.hidden ?? false;
    old?.replaceWith(fresh);
  }

  /** Builds a field's label, control and messages, and registers it. */
  buildField(field: FieldSpec, value: unknown): HTMLElement {
    const id = uniqueId(`f-${field.key}`);
    const helpId = `${id}-help`;
    const messageId = `${id}-message`;
    const help = usefulHelp(field);
    const built = CONTROLS[FIELD_KINDS[field.kind].input]({
      field,
      id,
      value,
      onChange: () => this.onChange(field),
      refs: this.options,
      values: () => this.values(),
      checkNow: () => {
        this.checkField(field.key);
        this.updateMissing();
      },
      context: this.options.context,
    });
    const { element: control, focusTarget, read } = built;
    focusTarget.setAttribute('aria-describedby', `${help ? helpId : ''} ${messageId}`.trim());
    if (field.required) focusTarget.setAttribute('aria-required', 'true');
    const message = h('p', { id: messageId, class: 'field-message', 'aria-live': 'polite' });
    this.messages.set(field.key, message);
    const label = h(
      'label',
      { for: id },
      field.label,
      field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null,
    );
    const wrapper = h(
      'div',
      { class: `field field-${field.kind}`, 'data-field': field.key },
      built.inlineLabel ? h('div', { class: 'checkbox-row' }, control, label) : label,
      built.inlineLabel ? null : control,
      help ? h('p', { id: helpId, class: 'help' }, help) : null,
      message,
    );
    focusTarget.addEventListener('blur', () => {
      setTimeout(() => {
        // Passing through an empty field is not a mistake; leaving one emptied is.
        if (this.edited.has(field.key) || hasValue(read())) this.checkField(field.key);
        this.updateMissing();
      }, built.settleMs ?? 0);
    });
    const inMore = field.advanced === true;
    this.controls.set(field.key, {
      field,
      wrapper,
      read,
      check: built.check,
      focus: () => {
        if (inMore) this.more.open = true;
        focusTarget.focus();
      },
    });
    return wrapper;
  }

  showBanner(text: string, ...extra: HTMLElement[]): void {
    replaceChildren(this.banner, h('p', {}, text), ...extra);
    this.banner.hidden = false;
    this.banner.scrollIntoView?.({ block: 'nearest' });
  }

  actionsBar(): void {
    replaceChildren(this.footer, this.saveButton, this.cancelButton);
  }

  /** Asks in place, in the sticky bar, where the user's eyes already are. */
  requestClose(): void {
    if (this.saving) return;
    if (!this.isDirty()) {
      this.options.onClose();
      return;
    }
    const keep = button(
      'Keep editing',
      () => {
        this.actionsBar();
        this.saveButton.focus();
      },
      { emphasis: 'outlined' },
    );
    const discard = button('Discard', () => this.options.onClose(), { emphasis: 'danger' });
    replaceChildren(
      this.footer,
      h('p', { class: 'confirm-text', role: 'alert' }, 'Discard your changes?'),
      h('div', { class: 'confirm-buttons' }, keep, discard),
    );
    keep.focus();
  }

  /** Shows every problem and goes to the first; true when there were any. */
  stopOnProblems(): boolean {
    const problems = this.allProblems();
    if (!Object.keys(problems).length) return false;
    for (const key of this.controls.keys()) this.setMessage(key, problems[key] ?? null);
    this.updateMissing();
    const first = [...this.controls.keys()].find((key) => problems[key]);
    if (first) {
      this.controls.get(first)?.focus();
      // The message under the field too, not only the input, clear of the Save bar.
      this.controls.get(first)?.wrapper.scrollIntoView?.({ block: 'nearest' });
    }
    return true;
  }

  setSaving(saving: boolean): void {
    this.saving = saving;
    this.form.classList.toggle('saving', saving);
    if (saving) this.form.setAttribute('aria-busy', 'true');
    else this.form.removeAttribute('aria-busy');
    this.saveButton.disabled = saving;
    const label = this.saveButton.querySelector('.btn-label');
    if (label) label.textContent = saving ? 'Saving…' : this.saveLabel;
  }

  async submit(confirmDuplicate: boolean): Promise<void> {
    if (this.saving) return;
    this.banner.hidden = true;
    if (this.stopOnProblems()) return;
    this.clearConflicts();
    this.setSaving(true);
    try {
      const request = this.request(confirmDuplicate);
      const result = await this.options.save(request);
      if (result.ok) this.options.onSaved(result.record, request);
      else this.showRefusal(result);
    } catch (error) {
      this.showBanner(this.options.describeFailure(error));
    } finally {
      this.setSaving(false);
    }
  }

  /** The server said no: marked fields, a possible duplicate, or its own words. */
  showRefusal(result: Exclude<SaveResult, { ok: true }>): void {
    if ('conflicts' in result) {
      this.showConflicts(result.conflicts);
    } else if ('fieldErrors' in result) {
      for (const [key, text] of Object.entries(result.fieldErrors)) this.setMessage(key, text);
      this.showBanner('Not saved: please fix the fields marked in red.');
    } else if ('duplicate' in result) {
      const { duplicate } = result;
      this.showBanner(
        `Not saved yet: "${duplicate.title}" already has this ${duplicate.matchedOn}.`,
        h(
          'div',
          { class: 'banner-actions' },
          button('Open it', () => this.options.openDuplicate(duplicate.entity, duplicate.id), {
            emphasis: 'outlined',
          }),
          button('Save anyway', () => void this.submit(true), { emphasis: 'outlined' }),
        ),
      );
    } else {
      this.showBanner(result.error);
    }
  }

  /** Under each field changed in the sheet: its value there, and the user's two choices. */
  showConflicts(conflicts: readonly FieldConflict[]): void {
    this.clearConflicts();
    this.keepChosen = false;
    for (const conflict of conflicts) {
      const control = this.controls.get(conflict.field);
      if (!control) continue;
      // The stamps as they are now: a further conflict names a later change only.
      if (conflict.changedAt) this.baseline.updated = conflict.changedAt;
      if (conflict.changedBy) this.baseline.updatedBy = conflict.changedBy;
      const { field } = control;
      const shown = shownValue(field, conflict.sheet, this.options.display, this.options.refTitle);
      const box = conflictBox(field, conflict, shown, this.options.display, {
        useSheet: () => this.resolve(field.key, 'sheet'),
        keepMine: () => this.resolve(field.key, 'mine'),
      });
      control.wrapper.classList.add('in-conflict');
      this.messages.get(field.key)?.after(box);
      if (field.advanced) this.more.open = true;
      this.conflicts.set(field.key, { conflict, box });
    }
    const labels = [...this.conflicts.keys()].map((key) => this.controls.get(key)?.field.label);
    const which =
      labels.length > 1
        ? `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]} were`
        : `${labels[0] ?? 'A field'} was`;
    this.showBanner(
      `Not saved: ${which} changed in the sheet since you opened this ${this.spec.singular}. ` +
        'Choose below which value to keep; nothing you typed is lost.',
    );
    this.conflicts.values().next().value?.box.querySelector('button')?.focus();
  }

  clearConflicts(): void {
    for (const [key, { box }] of this.conflicts) {
      box.remove();
      this.controls.get(key)?.wrapper.classList.remove('in-conflict');
    }
    this.conflicts.clear();
  }

  /**
   * One conflict answered. The sheet's value: it goes into the field, which no longer counts
   * as changed. Mine: the sheet's value becomes what the user saw, so the next save writes
   * theirs over it. Once every conflict is answered, a "keep mine" saves again at once.
   */
  resolve(key: string, choice: 'sheet' | 'mine'): void {
    const entry = this.conflicts.get(key);
    const control = this.controls.get(key);
    if (!entry || !control) return;
    const { conflict, box } = entry;
    box.remove();
    this.conflicts.delete(key);
    this.baseline[key] = conflict.sheet;
    if (choice === 'sheet') {
      this.replaceField(control.field, this.shown(control.field, conflict.sheet));
      const fresh = this.controls.get(key);
      this.pristineRead.set(key, JSON.stringify(fresh?.read()));
      const pristine = JSON.parse(this.pristine) as AnyRecord;
      if (key in pristine) pristine[key] = fresh?.read();
      this.pristine = JSON.stringify(pristine);
      this.note(key, "The sheet's value is in the field now.");
    } else {
      control.wrapper.classList.remove('in-conflict');
      this.keepChosen = true;
      this.note(key, "Yours will be saved over the sheet's.");
    }
    if (this.conflicts.size) return;
    if (this.keepChosen) {
      void this.submit(false);
    } else if (this.changedKeys().length) {
      this.showBanner("The form shows the sheet's value now. Save to keep your other changes.");
      this.saveButton.focus();
    } else {
      this.showBanner("The form shows the sheet's value now; nothing else of yours to save.");
      this.controls.get(key)?.focus();
    }
  }

  /** A quiet line under a field. */
  note(key: string, text: string): void {
    const slot = this.messages.get(key);
    if (!slot) return;
    slot.textContent = text;
    slot.className = 'field-message ok';
  }

  onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (this.footer.querySelector('.confirm-text')) this.actionsBar();
      else this.requestClose();
    } else if (event.key === 's' && (event.ctrlKey || event.metaKey)) {
      // Ctrl+S saves the form rather than the web page.
      event.preventDefault();
      void this.submit(false);
    }
  }

  /** The first field to fill: the first empty required one, else the first empty one. */
  focusFirst(): void {
    const visible = [...this.controls.values()].filter(
      (c) => !c.wrapper.hidden && !c.field.advanced,
    );
    const empty = visible.filter((c) => !hasValue(c.read()));
    const target =
      empty.find((c) => c.field.required) ?? (this.isEdit ? visible[0] : empty[0]) ?? visible[0];
    target?.focus();
  }

  build(): HTMLElement {
    const initial = this.initialValues();
    for (const field of inputFields(this.spec)) this.addField(field, initial[field.key]);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit(false);
    });
    this.form.addEventListener('keydown', (event) => this.onKey(event));
    append(this.form, this.banner, this.fields);
    if (this.more.children.length > 1) {
      // A record being edited that already has details shows them.
      const detailed = inputFields(this.spec).some((f) => f.advanced && hasValue(initial[f.key]));
      if (detailed) this.more.open = true;
      append(this.form, this.more);
    }
    this.actionsBar();
    append(this.form, this.missing, this.footer);
    this.updateVisibility();
    // Taken once the showIf rules have hidden what they hide.
    this.pristine = JSON.stringify(this.values());
    for (const [key, control] of this.controls) {
      this.pristineRead.set(key, JSON.stringify(control.read()));
    }
    return h(
      'div',
      { class: 'form-view' },
      h(
        'header',
        { class: 'form-header' },
        iconButton('back', 'Back', () => this.requestClose()),
        h(
          'div',
          {},
          h('h2', {}, this.isEdit ? `Edit ${this.spec.singular}` : `New ${this.spec.singular}`),
          this.options.subtitle ? h('p', { class: 'card-sub' }, this.options.subtitle) : null,
        ),
      ),
      this.form,
    );
  }
}

export function renderForm(options: FormOptions): RenderedForm {
  const form = new RecordForm(options);
  const element = form.build();
  return {
    element,
    focusFirst: () => form.focusFirst(),
    requestClose: () => form.requestClose(),
  };
}

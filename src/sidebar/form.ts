/**
 * A record form generated from the schema: the right input per field kind, required fields
 * marked, help text only where it adds to the label, and the same validation the server
 * runs — on blur per field, and for the whole form before anything is sent. Save stays in
 * view in a sticky bar; leaving a changed form asks first.
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
import type { SaveResult } from '../domain/api-types';
import { append, h, replaceChildren, uniqueId } from './dom';
import { CONTROLS, type RefLookup } from './controls';
import { button, iconButton } from './ui';

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
  /** Sends the values; one server round trip. */
  save(input: AnyRecord, confirmDuplicate: boolean): Promise<SaveResult>;
  onSaved(record: AnyRecord): void;
  /** Leave the form (changes, if any, already confirmed as discarded). */
  onClose(): void;
  openDuplicate(entity: EntityName, id: string): void;
  describeFailure(error: unknown): string;
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

export function renderForm(options: FormOptions): RenderedForm {
  const { spec } = options;
  const initial: AnyRecord = { ...(options.defaults ?? {}), ...(options.record ?? {}) };
  // Phones read as people write them; the server stores the international form again.
  for (const field of spec.fields) {
    const value = initial[field.key];
    if (field.kind === 'phone' && typeof value === 'string' && value) {
      initial[field.key] = formatPhone(value, options.context.defaultCountry);
    }
  }
  const isEdit = Boolean(options.record?.id);
  const controls = new Map<string, FieldControl>();
  const messages = new Map<string, HTMLElement>();
  /** Fields that showed an error: only they get "✓ looks good" once fixed. */
  const hadError = new Set<string>();
  /** Fields the user changed: an untouched empty field is not "required" until Save. */
  const edited = new Set<string>();
  let saving = false;

  const banner = h('div', { class: 'banner', role: 'alert', hidden: true });
  const missing = h('p', { class: 'missing', 'aria-live': 'polite' });
  const saveLabel = isEdit ? 'Save changes' : `Add ${spec.singular}`;
  const saveButton = button(saveLabel, () => undefined, { emphasis: 'primary', type: 'submit' });
  const cancelButton = button('Cancel', () => requestClose(), { emphasis: 'text' });
  const footer = h('div', { class: 'form-actions' });
  const fields = h('div', { class: 'fields' });
  const form = h('form', { class: 'record-form', novalidate: true, 'data-entity': spec.name });
  // Few fields up front (entry must not be painful); the rest one click away.
  const more = h('details', { class: 'more-fields' }, h('summary', {}, 'More details'));

  const values = (): AnyRecord => {
    const out: AnyRecord = {};
    if (options.record?.id) out.id = options.record.id;
    for (const [key, control] of controls) {
      if (!control.wrapper.hidden) out[key] = control.read();
    }
    return out;
  };

  const setMessage = (key: string, message: string | null) => {
    const control = controls.get(key);
    const slot = messages.get(key);
    if (!control || !slot) return;
    if (message && control.field.advanced) more.open = true;
    const input = control.wrapper.querySelector('input, select, textarea');
    if (message) {
      hadError.add(key);
      slot.textContent = message;
      slot.className = 'field-message error';
      input?.setAttribute('aria-invalid', 'true');
    } else {
      slot.textContent = hadError.has(key) && hasValue(control.read()) ? '✓ looks good' : '';
      slot.className = 'field-message ok';
      input?.removeAttribute('aria-invalid');
    }
  };

  const problemOf = (key: string): string | null => {
    const control = controls.get(key);
    if (!control) return null;
    return control.check?.() ?? validateField(spec.name, key, control.read(), options.context);
  };

  const checkField = (key: string) => {
    const message = problemOf(key);
    setMessage(key, message);
    return message;
  };

  const updateVisibility = () => {
    const current = values();
    for (const control of controls.values()) {
      const rule = control.field.showIf;
      if (!rule) continue;
      const other = controls.get(rule.field)?.read() ?? current[rule.field];
      control.wrapper.hidden = !rule.equals.includes(String(other ?? ''));
    }
  };

  /** Every problem: the schema's, and what only a control sees (an unmatched picker). */
  const allProblems = (): Record<string, string> => {
    const result = validateInput(spec.name, values(), options.context);
    const problems: Record<string, string> = result.ok ? {} : { ...result.fieldErrors };
    for (const [key, control] of controls) {
      const own = control.wrapper.hidden ? null : control.check?.();
      if (own) problems[key] = own;
    }
    return problems;
  };

  const updateMissing = () => {
    const labels = Object.keys(allProblems()).map(
      (key) => spec.fields.find((f) => f.key === key)?.label ?? key,
    );
    missing.textContent = labels.length ? `To save, fix: ${labels.join(', ')}.` : '';
  };

  for (const field of inputFields(spec)) {
    const id = uniqueId(`f-${field.key}`);
    const helpId = `${id}-help`;
    const messageId = `${id}-message`;
    const help = usefulHelp(field);
    const onChange = () => {
      edited.add(field.key);
      const control = controls.get(field.key);
      const value = control?.read();
      const tooLong =
        typeof value === 'string' &&
        field.maxLength !== undefined &&
        value.length > field.maxLength;
      // An error already shown is re-checked as the user fixes it; a paste over the limit is
      // reported at once (nothing is cut off silently).
      if (messages.get(field.key)?.classList.contains('error') || tooLong) checkField(field.key);
      updateVisibility();
      updateMissing();
    };
    const built = CONTROLS[FIELD_KINDS[field.kind].input]({
      field,
      id,
      value: initial[field.key],
      onChange,
      refs: options,
      values,
      checkNow: () => {
        checkField(field.key);
        updateMissing();
      },
    });
    const { element: control, focusTarget, read } = built;
    focusTarget.setAttribute('aria-describedby', `${help ? helpId : ''} ${messageId}`.trim());
    if (field.required) focusTarget.setAttribute('aria-required', 'true');
    const message = h('p', { id: messageId, class: 'field-message', 'aria-live': 'polite' });
    messages.set(field.key, message);
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
        if (edited.has(field.key) || hasValue(read())) checkField(field.key);
        updateMissing();
      }, built.settleMs ?? 0);
    });
    const inMore = field.advanced === true;
    controls.set(field.key, {
      field,
      wrapper,
      read,
      check: built.check,
      focus: () => {
        if (inMore) more.open = true;
        focusTarget.focus();
      },
    });
    append(inMore ? more : fields, wrapper);
  }

  const snapshot = () => JSON.stringify(values());
  // Taken once the showIf rules have hidden what they hide (see the end of this function).
  let pristine = '';
  const isDirty = () => snapshot() !== pristine;

  const showBanner = (text: string, ...extra: HTMLElement[]) => {
    replaceChildren(banner, h('p', {}, text), ...extra);
    banner.hidden = false;
    banner.scrollIntoView?.({ block: 'nearest' });
  };

  const actionsBar = () => replaceChildren(footer, saveButton, cancelButton);

  /** Asks in place, in the sticky bar, where the user's eyes already are. */
  function requestClose(): void {
    if (saving) return;
    if (!isDirty()) {
      options.onClose();
      return;
    }
    const keep = button(
      'Keep editing',
      () => {
        actionsBar();
        saveButton.focus();
      },
      { emphasis: 'outlined' },
    );
    const discard = button('Discard', () => options.onClose(), { emphasis: 'danger' });
    replaceChildren(
      footer,
      h('p', { class: 'confirm-text', role: 'alert' }, 'Discard your changes?'),
      h('div', { class: 'confirm-buttons' }, keep, discard),
    );
    keep.focus();
  }

  const submit = async (confirmDuplicate: boolean) => {
    if (saving) return;
    banner.hidden = true;
    const problems = allProblems();
    if (Object.keys(problems).length) {
      for (const key of controls.keys()) setMessage(key, problems[key] ?? null);
      updateMissing();
      const first = [...controls.keys()].find((key) => problems[key]);
      if (first) {
        controls.get(first)?.focus();
        // The message under the field too, not only the input, clear of the Save bar.
        controls.get(first)?.wrapper.scrollIntoView?.({ block: 'nearest' });
      }
      return;
    }
    saving = true;
    form.classList.add('saving');
    form.setAttribute('aria-busy', 'true');
    saveButton.disabled = true;
    const label = saveButton.querySelector('.btn-label');
    if (label) label.textContent = 'Saving…';
    try {
      const result = await options.save(values(), confirmDuplicate);
      if (result.ok) {
        options.onSaved(result.record);
        return;
      }
      if ('fieldErrors' in result) {
        for (const [key, text] of Object.entries(result.fieldErrors)) setMessage(key, text);
        showBanner('Not saved: please fix the fields marked in red.');
      } else if ('duplicate' in result) {
        const { duplicate } = result;
        showBanner(
          `Not saved yet: "${duplicate.title}" already has this ${duplicate.matchedOn}.`,
          h(
            'div',
            { class: 'banner-actions' },
            button('Open it', () => options.openDuplicate(duplicate.entity, duplicate.id), {
              emphasis: 'outlined',
            }),
            button('Save anyway', () => void submit(true), { emphasis: 'outlined' }),
          ),
        );
      } else {
        showBanner(result.error);
      }
    } catch (error) {
      showBanner(options.describeFailure(error));
    } finally {
      saving = false;
      form.classList.remove('saving');
      form.removeAttribute('aria-busy');
      saveButton.disabled = false;
      if (label) label.textContent = saveLabel;
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(false);
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (footer.querySelector('.confirm-text')) actionsBar();
      else requestClose();
    } else if (event.key === 's' && (event.ctrlKey || event.metaKey)) {
      // Ctrl+S saves the form rather than the web page.
      event.preventDefault();
      void submit(false);
    }
  });
  append(form, banner, fields);
  if (more.children.length > 1) {
    // A record being edited that already has details shows them.
    if (inputFields(spec).some((f) => f.advanced && hasValue(initial[f.key]))) more.open = true;
    append(form, more);
  }
  actionsBar();
  append(form, missing, footer);
  updateVisibility();
  pristine = snapshot();

  const element = h(
    'div',
    { class: 'form-view' },
    h(
      'header',
      { class: 'form-header' },
      iconButton('back', 'Back', () => requestClose()),
      h(
        'div',
        {},
        h('h2', {}, isEdit ? `Edit ${spec.singular}` : `New ${spec.singular}`),
        options.subtitle ? h('p', { class: 'card-sub' }, options.subtitle) : null,
      ),
    ),
    form,
  );

  const focusFirst = () => {
    const visible = [...controls.values()].filter((c) => !c.wrapper.hidden && !c.field.advanced);
    const empty = visible.filter((c) => !hasValue(c.read()));
    const target =
      empty.find((c) => c.field.required) ?? (isEdit ? visible[0] : empty[0]) ?? visible[0];
    target?.focus();
  };

  return { element, focusFirst, requestClose };
}

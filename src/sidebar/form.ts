/**
 * A record form generated from the schema: the right input per field kind, required
 * fields marked, the schema's description as help text, and the same validation the
 * server runs — on blur per field, and for the whole form before anything is sent.
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
import { validateField, validateInput, type ValidationContext } from '../domain/validate';
import type { SaveResult } from '../domain/api-types';
import { append, h, replaceChildren, uniqueId } from './dom';
import { CONTROLS, type RefLookup } from './controls';

export type { RefOption } from './controls';

export interface FormOptions extends RefLookup {
  spec: EntitySpec;
  /** The record being edited; absent for a new one. Values prefill the form. */
  record?: AnyRecord;
  /** Values for a new record (e.g. the customer of a new deal). */
  defaults?: AnyRecord;
  context: ValidationContext;
  /** Sends the values; one server round trip. */
  save(input: AnyRecord, confirmDuplicate: boolean): Promise<SaveResult>;
  onSaved(record: AnyRecord): void;
  onCancel(): void;
  openDuplicate(entity: EntityName, id: string): void;
  describeFailure(error: unknown): string;
}

interface FieldControl {
  field: FieldSpec;
  wrapper: HTMLElement;
  read(): FieldValue;
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

export function renderForm(options: FormOptions): HTMLFormElement {
  const { spec } = options;
  const initial: AnyRecord = {
    ...(options.defaults ?? {}),
    ...(options.record ?? {}),
  };
  const isEdit = Boolean(options.record?.id);
  const controls = new Map<string, FieldControl>();
  const errors = new Map<string, HTMLElement>();
  const touched = new Set<string>();
  let saving = false;

  const banner = h('div', { class: 'banner', role: 'alert', hidden: true });
  const missing = h('p', { class: 'missing', 'aria-live': 'polite' });
  const saveButton = h(
    'button',
    { type: 'submit', class: 'action' },
    isEdit ? 'Save changes' : `Add ${spec.singular}`,
  );
  const cancelButton = h('button', { type: 'button', onclick: () => options.onCancel() }, 'Cancel');
  const form = h('form', { class: 'record-form', novalidate: true, 'data-entity': spec.name });
  // Few fields up front (the articles: do not make entry painful); the rest one click away.
  const more = h('details', { class: 'more-fields' }, h('summary', {}, 'More details'));

  const values = (): AnyRecord => {
    const out: AnyRecord = {};
    if (options.record?.id) out.id = options.record.id;
    for (const [key, control] of controls) {
      if (!control.wrapper.hidden) out[key] = control.read();
    }
    return out;
  };

  const setError = (key: string, message: string | null) => {
    const control = controls.get(key);
    const slot = errors.get(key);
    if (!control || !slot) return;
    if (message && control.field.advanced) more.open = true;
    const input = control.wrapper.querySelector('input, select, textarea');
    if (message) {
      slot.textContent = message;
      slot.className = 'field-message error';
      input?.setAttribute('aria-invalid', 'true');
    } else {
      slot.textContent = touched.has(key) && control.read() !== '' ? '✓ looks good' : '';
      slot.className = 'field-message ok';
      input?.removeAttribute('aria-invalid');
    }
  };

  const checkField = (key: string) => {
    const message = validateField(spec.name, key, controls.get(key)?.read(), options.context);
    setError(key, message);
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

  const updateMissing = () => {
    const result = validateInput(spec.name, values(), options.context);
    if (result.ok) {
      missing.textContent = '';
      return;
    }
    const labels = Object.keys(result.fieldErrors).map(
      (key) => spec.fields.find((f) => f.key === key)?.label ?? key,
    );
    missing.textContent = `To save, fix: ${labels.join(', ')}.`;
  };

  for (const field of inputFields(spec)) {
    const id = uniqueId(`f-${field.key}`);
    const helpId = `${id}-help`;
    const messageId = `${id}-message`;
    const onChange = () => {
      touched.add(field.key);
      if (errors.get(field.key)?.classList.contains('error')) checkField(field.key);
      updateVisibility();
      updateMissing();
    };
    const built = CONTROLS[FIELD_KINDS[field.kind].input]({
      field,
      id,
      value: initial[field.key],
      onChange,
      refs: options,
    });
    const { element: control, focusTarget, read } = built;
    const describedBy = `${field.description ? helpId : ''} ${messageId}`.trim();
    focusTarget.setAttribute('aria-describedby', describedBy);
    if (field.required) focusTarget.setAttribute('aria-required', 'true');
    const message = h('p', { id: messageId, class: 'field-message', 'aria-live': 'polite' });
    errors.set(field.key, message);
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
      field.description ? h('p', { id: helpId, class: 'help' }, field.description) : null,
      message,
    );
    focusTarget.addEventListener('blur', () => {
      touched.add(field.key);
      setTimeout(() => checkField(field.key), built.settleMs ?? 0);
    });
    const inMore = field.advanced === true;
    controls.set(field.key, {
      field,
      wrapper,
      read,
      focus: () => {
        if (inMore) more.open = true;
        focusTarget.focus();
      },
    });
    append(inMore ? more : form, wrapper);
  }

  const showBanner = (text: string, ...extra: HTMLElement[]) => {
    replaceChildren(banner, h('p', {}, text), ...extra);
    banner.hidden = false;
    banner.scrollIntoView?.({ block: 'nearest' });
  };

  const submit = async (confirmDuplicate: boolean) => {
    if (saving) return;
    banner.hidden = true;
    const input = values();
    const local = validateInput(spec.name, input, options.context);
    if (!local.ok) {
      for (const key of controls.keys()) setError(key, local.fieldErrors[key] ?? null);
      updateMissing();
      const first = Object.keys(local.fieldErrors).find((key) => controls.has(key));
      if (first) controls.get(first)?.focus();
      return;
    }
    saving = true;
    form.classList.add('saving');
    form.setAttribute('aria-busy', 'true');
    saveButton.disabled = true;
    saveButton.textContent = 'Saving…';
    try {
      const result = await options.save(input, confirmDuplicate);
      if (result.ok) {
        options.onSaved(result.record);
        return;
      }
      if ('fieldErrors' in result) {
        for (const [key, text] of Object.entries(result.fieldErrors)) setError(key, text);
        showBanner('Not saved: please fix the fields marked in red.');
      } else if ('duplicate' in result) {
        const { duplicate } = result;
        showBanner(
          `Not saved yet: "${duplicate.title}" already has this ${duplicate.matchedOn}.`,
          h(
            'div',
            { class: 'banner-actions' },
            h(
              'button',
              {
                type: 'button',
                onclick: () => options.openDuplicate(duplicate.entity, duplicate.id),
              },
              'Open it',
            ),
            h(
              'button',
              { type: 'button', class: 'action', onclick: () => void submit(true) },
              'Save anyway',
            ),
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
      saveButton.textContent = isEdit ? 'Save changes' : `Add ${spec.singular}`;
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(false);
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      options.onCancel();
    }
  });
  if (more.children.length > 1) {
    // A record being edited that already has details shows them.
    if (inputFields(spec).some((f) => f.advanced && hasValue(initial[f.key]))) more.open = true;
    append(form, more);
  }
  append(form, missing, h('div', { class: 'form-actions' }, saveButton, cancelButton));
  // Server answers (duplicate, busy, stale) go above the fields, where they are seen.
  form.insertBefore(banner, form.firstChild);
  updateVisibility();
  return form;
}

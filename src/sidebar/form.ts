/**
 * A record form generated from the schema: the right input per field kind, required
 * fields marked, the schema's description as help text, and the same validation the
 * server runs — on blur per field, and for the whole form before anything is sent.
 */
import type { EntitySpec, FieldSpec } from '../domain/schema';
import { validateField, validateInput, type ValidationContext } from '../domain/validate';
import type { RecordJson, SaveResult } from '../domain/api-types';
import { append, h, replaceChildren, uniqueId } from './dom';

export interface RefOption {
  id: string;
  title: string;
}

export interface FormOptions {
  spec: EntitySpec;
  /** The record being edited; absent for a new one. Values prefill the form. */
  record?: RecordJson;
  /** Values for a new record (e.g. the customer of a new deal). */
  defaults?: Record<string, unknown>;
  context: ValidationContext;
  /** Sends the values; one server round trip. */
  save(input: Record<string, unknown>, confirmDuplicate: boolean): Promise<SaveResult>;
  /** Options for a reference field matching the typed text (type-ahead). */
  searchRefs(field: FieldSpec, text: string): Promise<RefOption[]>;
  /** Title of a referenced record, to show instead of its id. */
  refTitle(field: FieldSpec, id: string): string | undefined;
  onSaved(record: RecordJson): void;
  onCancel(): void;
  openDuplicate(entity: string, id: string): void;
  describeFailure(error: unknown): string;
}

interface FieldControl {
  field: FieldSpec;
  wrapper: HTMLElement;
  read(): unknown;
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

/** Fields the user types: system-owned and computed ones are Kartoteka's. */
export function editableFields(spec: EntitySpec): FieldSpec[] {
  return spec.fields.filter((f) => !f.system && !f.computed);
}

function textInput(
  field: FieldSpec,
  id: string,
  value: unknown,
): HTMLInputElement | HTMLTextAreaElement {
  const common = {
    id,
    name: field.key,
    placeholder: field.placeholder,
    maxlength: field.maxLength,
    autocomplete: 'off',
  };
  if (field.kind === 'longtext') {
    const area = h('textarea', { ...common, rows: 3 });
    area.value = value == null ? '' : String(value);
    return area;
  }
  const type =
    field.kind === 'email'
      ? 'email'
      : field.kind === 'phone'
        ? 'tel'
        : field.kind === 'url'
          ? 'url'
          : field.kind === 'date'
            ? 'date'
            : field.kind === 'number' || field.kind === 'money'
              ? 'number'
              : 'text';
  const input = h('input', {
    ...common,
    type,
    inputmode: type === 'number' ? 'decimal' : undefined,
    step: field.kind === 'money' ? '0.01' : type === 'number' ? 'any' : undefined,
    min: type === 'number' ? 0 : undefined,
  });
  input.value = value == null ? '' : String(value);
  if (field.kind === 'currency')
    input.addEventListener('input', () => (input.value = input.value.toUpperCase()));
  return input;
}

function enumInput(field: FieldSpec, id: string, value: unknown): HTMLSelectElement {
  const select = h('select', { id, name: field.key });
  append(
    select,
    h('option', { value: '' }, field.required ? `Choose ${field.label.toLowerCase()}…` : '—'),
  );
  for (const option of field.options ?? []) {
    if (!field.systemOptions?.includes(option))
      append(select, h('option', { value: option }, option));
  }
  select.value = value == null ? '' : String(value);
  return select;
}

/** Tag chips: Enter or comma adds a tag, × removes it; the value is the list of tags. */
function tagsInput(id: string, value: unknown, onChange: () => void) {
  const tags: string[] = Array.isArray(value) ? value.map(String) : [];
  const list = h('ul', { class: 'chips', 'aria-label': 'Tags' });
  const input = h('input', {
    id,
    type: 'text',
    placeholder: 'Add a tag, press Enter',
    autocomplete: 'off',
  });
  const render = () => {
    replaceChildren(
      list,
      ...tags.map((tag, index) =>
        h(
          'li',
          { class: 'chip' },
          tag,
          h(
            'button',
            {
              type: 'button',
              class: 'chip-remove',
              'aria-label': `Remove tag ${tag}`,
              onclick: () => {
                tags.splice(index, 1);
                render();
                onChange();
              },
            },
            '×',
          ),
        ),
      ),
    );
  };
  const commit = () => {
    const tag = input.value.replace(/,/g, ' ').trim();
    if (tag && !tags.includes(tag)) tags.push(tag);
    input.value = '';
    render();
    onChange();
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ',') {
      if (input.value.trim()) {
        event.preventDefault();
        commit();
      }
    } else if (event.key === 'Backspace' && !input.value && tags.length) {
      tags.pop();
      render();
      onChange();
    }
  });
  input.addEventListener('blur', () => {
    if (input.value.trim()) commit();
  });
  render();
  return { element: h('div', { class: 'tags' }, list, input), input, read: () => [...tags] };
}

/** Type-ahead for a reference: shows titles, keeps the id. */
function refInput(
  field: FieldSpec,
  id: string,
  value: unknown,
  options: FormOptions,
  onChange: () => void,
) {
  let selected = value == null ? '' : String(value);
  const listId = uniqueId('ref-list');
  const input = h('input', {
    id,
    type: 'text',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-controls': listId,
    'aria-expanded': 'false',
    autocomplete: 'off',
    placeholder: `Type to find a ${field.label.toLowerCase()}`,
  });
  input.value = selected ? (options.refTitle(field, selected) ?? selected) : '';
  const list = h('ul', { id: listId, role: 'listbox', class: 'suggestions', hidden: true });
  let matches: RefOption[] = [];
  let active = -1;
  let requestNumber = 0;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const choose = (option: RefOption) => {
    selected = option.id;
    input.value = option.title;
    close();
    onChange();
  };
  const show = () => {
    replaceChildren(
      list,
      ...matches.map((option, index) =>
        h(
          'li',
          {
            role: 'option',
            id: `${listId}-${index}`,
            'aria-selected': index === active ? 'true' : 'false',
            onmousedown: (event: Event) => {
              event.preventDefault();
              choose(option);
            },
          },
          option.title,
        ),
      ),
      matches.length ? null : h('li', { class: 'empty' }, 'No match'),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    selected = '';
    clearTimeout(timer);
    const text = input.value;
    timer = setTimeout(() => {
      const mine = ++requestNumber;
      options
        .searchRefs(field, text)
        .then((found) => {
          if (mine !== requestNumber) return;
          matches = found;
          active = found.length ? 0 : -1;
          show();
        })
        .catch(() => close());
    }, 200);
  });
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + matches.length) % Math.max(matches.length, 1);
      show();
    } else if (event.key === 'Enter' && active >= 0 && matches[active]) {
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  return {
    element: h('div', { class: 'ref' }, input, list),
    input,
    read: () => selected || (input.value.trim() ? input.value.trim() : ''),
  };
}

export function renderForm(options: FormOptions): HTMLFormElement {
  const { spec } = options;
  const initial: Record<string, unknown> = {
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

  const values = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
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

  for (const field of editableFields(spec)) {
    const id = uniqueId(`f-${field.key}`);
    const helpId = `${id}-help`;
    const messageId = `${id}-message`;
    const onChange = () => {
      touched.add(field.key);
      if (errors.get(field.key)?.classList.contains('error')) checkField(field.key);
      updateVisibility();
      updateMissing();
    };
    let read: () => unknown;
    let focusTarget: HTMLElement;
    let control: HTMLElement;
    if (field.kind === 'tags') {
      const tags = tagsInput(id, initial[field.key], onChange);
      read = tags.read;
      focusTarget = tags.input;
      control = tags.element;
    } else if (field.kind === 'ref') {
      const ref = refInput(field, id, initial[field.key], options, onChange);
      read = ref.read;
      focusTarget = ref.input;
      control = ref.element;
    } else if (field.kind === 'enum') {
      const select = enumInput(field, id, initial[field.key]);
      select.addEventListener('change', onChange);
      read = () => select.value;
      focusTarget = control = select;
    } else if (field.kind === 'boolean') {
      const box = h('input', { id, type: 'checkbox', name: field.key });
      box.checked = initial[field.key] === true;
      box.addEventListener('change', onChange);
      read = () => box.checked;
      focusTarget = control = box;
    } else {
      const input = textInput(field, id, initial[field.key]);
      input.addEventListener('input', onChange);
      read = () => input.value.trim();
      focusTarget = control = input;
    }
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
      field.kind === 'boolean' ? h('div', { class: 'checkbox-row' }, control, label) : label,
      field.kind === 'boolean' ? null : control,
      field.description ? h('p', { id: helpId, class: 'help' }, field.description) : null,
      message,
    );
    focusTarget.addEventListener('blur', () => {
      touched.add(field.key);
      // A reference input closes its list on blur first; check what was chosen after that.
      setTimeout(() => checkField(field.key), field.kind === 'ref' ? 200 : 0);
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
    if (editableFields(spec).some((f) => f.advanced && hasValue(initial[f.key]))) more.open = true;
    append(form, more);
  }
  append(form, missing, h('div', { class: 'form-actions' }, saveButton, cancelButton));
  // Server answers (duplicate, busy, stale) go above the fields, where they are seen.
  form.insertBefore(banner, form.firstChild);
  updateVisibility();
  return form;
}

/**
 * One input control per InputKind (field-kinds.ts says which kind of input each field kind
 * uses). `CONTROLS` is a complete map: a new input kind does not compile until it has a
 * builder here. Each builder returns the element to place, the element to focus, and how to
 * read the value the user gave.
 */
import type { AnyRecord, FieldSpec, FieldValue } from '../domain/schema';
import type { InputKind } from '../domain/field-kinds';
import type { ValidationContext } from '../domain/validate';
import { append, h, replaceChildren, uniqueId } from './dom';
import { amountInput } from './amount-input';

export interface RefOption {
  id: string;
  title: string;
}

/** How a reference input finds records and shows their titles. */
export interface RefLookup {
  /**
   * Options for a reference field matching the typed text (type-ahead); `values` are the
   * form's current values, so a Deal picker can offer only the chosen customer's deals.
   */
  searchRefs(field: FieldSpec, text: string, values: AnyRecord): Promise<RefOption[]>;
  /** Title of a referenced record, to show instead of its id. */
  refTitle(field: FieldSpec, id: string): string | undefined;
}

export interface Control {
  element: HTMLElement;
  focusTarget: HTMLElement;
  read(): FieldValue;
  /** The label sits after the control on one line (a checkbox). */
  inlineLabel?: boolean;
  /** Wait this long after blur before checking (a type-ahead closes its list first). */
  settleMs?: number;
  /** A problem only the control can see (text typed into a picker that matches nothing). */
  check?(): string | null;
}

export interface ControlArgs {
  field: FieldSpec;
  id: string;
  value: unknown;
  onChange(): void;
  refs: RefLookup;
  /** The form's values now (for pickers that depend on another field). */
  values(): AnyRecord;
  /** Check this field now and show the result (a picker found nothing for the text). */
  checkNow(): void;
  /** How typed values are read (an amount in the spreadsheet's locale). */
  context: ValidationContext;
}

function plainInput(
  type: string,
  extra: Record<string, string | number | undefined> = {},
  transform?: (text: string) => string,
) {
  return ({ field, id, value, onChange }: ControlArgs): Control => {
    const input = h('input', {
      id,
      name: field.key,
      placeholder: field.placeholder,
      autocomplete: 'off',
      type,
      ...extra,
    });
    input.value = value == null ? '' : String(value);
    input.addEventListener('input', () => {
      if (transform) input.value = transform(input.value);
      onChange();
    });
    return { element: input, focusTarget: input, read: () => input.value.trim() };
  };
}

/**
 * A long text. No maxlength: the browser would cut a long paste silently. The count shows
 * near the limit, and the form reports the excess at once (see form.ts).
 */
function textArea({ field, id, value, onChange }: ControlArgs): Control {
  const area = h('textarea', {
    id,
    name: field.key,
    placeholder: field.placeholder,
    autocomplete: 'off',
    rows: 3,
  });
  area.value = value == null ? '' : String(value);
  const counter = h('p', { class: 'counter', 'aria-live': 'polite', hidden: true });
  const max = field.maxLength;
  const count = () => {
    const length = area.value.trim().length;
    counter.hidden = !max || length < max * 0.9;
    if (!max) return;
    const over = length - max;
    counter.textContent =
      over > 0
        ? `${length.toLocaleString()} / ${max.toLocaleString()} characters: ${over.toLocaleString()} over the limit`
        : `${length.toLocaleString()} / ${max.toLocaleString()} characters`;
    counter.classList.toggle('over', over > 0);
  };
  area.addEventListener('input', () => {
    count();
    onChange();
  });
  count();
  return {
    element: h('div', { class: 'textarea' }, area, counter),
    focusTarget: area,
    read: () => area.value.trim(),
  };
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

/**
 * Type-ahead for a reference: shows titles, keeps the id. Focus shows the choices (a
 * customer's deals, say) before anything is typed; text that matches nothing is an error at
 * once, because a reference is only ever one of the listed records.
 */
function refInput(args: ControlArgs) {
  const { field, id, value, refs: options, onChange } = args;
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
    placeholder: `Type to find a ${field.refSingular ?? field.label.toLowerCase()}`,
  });
  input.value = selected ? (options.refTitle(field, selected) ?? selected) : '';
  const list = h('ul', { id: listId, role: 'listbox', class: 'suggestions', hidden: true });
  let matches: RefOption[] = [];
  let searchedText: string | null = null;
  let active = -1;
  let requestNumber = 0;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
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
      matches.length
        ? null
        : h(
            'li',
            { class: 'empty' },
            input.value.trim()
              ? `No ${field.refSingular ?? 'match'} matches`
              : 'Nothing to choose yet',
          ),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
  };
  const search = () => {
    const mine = ++requestNumber;
    const text = input.value;
    list.setAttribute('aria-busy', 'true');
    options
      .searchRefs(field, text, args.values())
      .then((found) => {
        if (mine !== requestNumber) return;
        matches = found;
        searchedText = text;
        active = found.length ? 0 : -1;
        if (document.activeElement === input) show();
        // Typed text that matches nothing: say so now, not after Save.
        if (!found.length && text.trim()) args.checkNow();
      })
      .catch(() => close())
      .finally(() => list.removeAttribute('aria-busy'));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    selected = '';
    clearTimeout(timer);
    timer = setTimeout(search, 200);
    onChange();
  });
  input.addEventListener('focus', () => {
    if (!input.value.trim()) search();
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
  input.addEventListener('blur', () => {
    setTimeout(() => {
      // The one exact title typed in full counts as choosing it.
      const typed = input.value.trim().toLowerCase();
      const exact = matches.filter((m) => m.title.toLowerCase() === typed);
      if (!selected && typed && exact.length === 1 && searchedText === input.value)
        choose(exact[0]);
      close();
    }, 150);
  });
  return {
    element: h('div', { class: 'ref' }, input, list),
    input,
    read: () => selected,
    check: () =>
      !selected && input.value.trim()
        ? `${field.label}: no ${field.refSingular ?? 'record'} matches '${input.value.trim()}' — choose one from the list`
        : null,
  };
}

export const CONTROLS: Record<InputKind, (args: ControlArgs) => Control> = {
  text: plainInput('text'),
  textarea: textArea,
  email: plainInput('email'),
  tel: plainInput('tel'),
  url: plainInput('url'),
  date: plainInput('date'),
  number: amountInput,
  decimal: amountInput,
  code: plainInput('text', {}, (text) => text.toUpperCase()),
  select({ field, id, value, onChange }) {
    const select = enumInput(field, id, value);
    select.addEventListener('change', onChange);
    return { element: select, focusTarget: select, read: () => select.value };
  },
  checkbox({ field, id, value, onChange }) {
    const box = h('input', { id, type: 'checkbox', name: field.key });
    box.checked = value === true;
    box.addEventListener('change', onChange);
    return { element: box, focusTarget: box, read: () => box.checked, inlineLabel: true };
  },
  tags({ id, value, onChange }) {
    const tags = tagsInput(id, value, onChange);
    return { element: tags.element, focusTarget: tags.input, read: tags.read };
  },
  reference(args) {
    const ref = refInput(args);
    return {
      element: ref.element,
      focusTarget: ref.input,
      read: ref.read,
      check: ref.check,
      settleMs: 200,
    };
  },
};

/**
 * Settings: the Settings tab's values as a form, each checked as the user leaves it with
 * the rule the server applies (ISO codes, thresholds in range), saved in one call.
 */
import { checkSetting, type SettingRow, type SettingsSaveResult } from '../domain/settings-rules';
import { h, replaceChildren, uniqueId } from './dom';
import { button, iconButton } from './ui';

export interface SettingsActions {
  save(values: Record<string, string>): Promise<SettingsSaveResult>;
  saved(rows: SettingRow[]): void;
  close(): void;
  describeFailure(error: unknown): string;
}

/** "PL" → "Poland", "PLN" → "Polish Złoty", where the browser knows the name. */
function codeName(key: string, value: string): string {
  const type = key === 'defaultCountry' ? 'region' : key === 'defaultCurrency' ? 'currency' : null;
  if (!type || !value.trim()) return '';
  try {
    const name = new Intl.DisplayNames(['en'], { type }).of(value.trim().toUpperCase());
    return name && name.toUpperCase() !== value.trim().toUpperCase() ? name : '';
  } catch {
    return '';
  }
}

export function renderSettings(rows: SettingRow[], actions: SettingsActions) {
  const inputs = new Map<string, { input: HTMLInputElement; message: HTMLElement }>();
  const banner = h('div', { class: 'banner', role: 'alert', hidden: true });
  const fields = rows.map((row) => {
    const id = uniqueId(`setting-${row.key}`);
    const input = h('input', {
      id,
      type: 'text',
      name: row.key,
      autocomplete: 'off',
      'aria-describedby': `${id}-help ${id}-message`,
    });
    input.value = row.value;
    const named = h('span', { class: 'code-name' }, codeName(row.key, row.value));
    const message = h('p', { id: `${id}-message`, class: 'field-message', 'aria-live': 'polite' });
    const check = () => {
      const result = checkSetting(row.key, input.value);
      named.textContent = 'error' in result ? '' : codeName(row.key, result.value);
      show(row.key, 'error' in result ? result.error : null);
    };
    input.addEventListener('blur', check);
    input.addEventListener('input', () => {
      if (message.classList.contains('error')) check();
    });
    inputs.set(row.key, { input, message });
    return h(
      'div',
      { class: 'field', 'data-field': row.key },
      h('label', { for: id }, row.label),
      h('div', { class: 'with-name' }, input, named),
      h(
        'p',
        { id: `${id}-help`, class: 'help' },
        [row.description, row.hint].filter(Boolean).join(' '),
      ),
      message,
    );
  });
  const show = (key: string, error: string | null) => {
    const slot = inputs.get(key);
    if (!slot) return;
    slot.message.textContent = error ?? '';
    slot.message.className = error ? 'field-message error' : 'field-message';
    if (error) slot.input.setAttribute('aria-invalid', 'true');
    else slot.input.removeAttribute('aria-invalid');
  };
  // A value typed by hand in the tab that the rules refuse is marked from the start:
  // Kartoteka uses the default meanwhile (Check the tabs lists it too).
  for (const row of rows) {
    const result = checkSetting(row.key, row.value);
    if ('error' in result) show(row.key, result.error);
  }
  const current = () =>
    Object.fromEntries([...inputs].map(([key, { input }]) => [key, input.value.trim()]));
  const pristine = JSON.stringify(current());

  const saveButton = button('Save settings', () => undefined, {
    emphasis: 'primary',
    type: 'submit',
  });
  const footer = h('div', { class: 'form-actions' });
  const actionsBar = () =>
    replaceChildren(
      footer,
      saveButton,
      button('Cancel', () => requestClose(), { emphasis: 'text' }),
    );
  function requestClose() {
    if (JSON.stringify(current()) === pristine) return actions.close();
    const keep = button('Keep editing', () => actionsBar(), { emphasis: 'outlined' });
    replaceChildren(
      footer,
      h('p', { class: 'confirm-text', role: 'alert' }, 'Discard your changes?'),
      h(
        'div',
        { class: 'confirm-buttons' },
        keep,
        button('Discard', () => actions.close(), { emphasis: 'danger' }),
      ),
    );
    keep.focus();
  }
  actionsBar();

  const form = h(
    'form',
    { class: 'record-form settings-form', novalidate: true },
    banner,
    ...fields,
    footer,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    banner.hidden = true;
    const values = current();
    let first: string | null = null;
    for (const key of inputs.keys()) {
      const result = checkSetting(key, values[key]);
      const error = 'error' in result ? result.error : null;
      show(key, error);
      if (error && !first) first = key;
    }
    if (first) {
      inputs.get(first)?.input.focus();
      return;
    }
    saveButton.disabled = true;
    const label = saveButton.querySelector('.btn-label');
    if (label) label.textContent = 'Saving…';
    actions
      .save(values)
      .then((result) => {
        if (result.ok) return actions.saved(result.settings);
        if ('fieldErrors' in result)
          for (const [key, error] of Object.entries(result.fieldErrors)) show(key, error);
        else {
          replaceChildren(banner, h('p', {}, result.error));
          banner.hidden = false;
        }
      })
      .catch((error: unknown) => {
        replaceChildren(banner, h('p', {}, actions.describeFailure(error)));
        banner.hidden = false;
      })
      .finally(() => {
        saveButton.disabled = false;
        if (label) label.textContent = 'Save settings';
      });
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      requestClose();
    }
  });
  const element = h(
    'div',
    { class: 'form-view settings-view' },
    h(
      'header',
      { class: 'form-header' },
      iconButton('back', 'Back', () => requestClose()),
      h(
        'div',
        {},
        h('h2', {}, 'Settings'),
        h(
          'p',
          { class: 'card-sub' },
          'Stored in the Settings tab; they apply to everyone using this spreadsheet.',
        ),
      ),
    ),
    form,
  );
  return { element, requestClose };
}

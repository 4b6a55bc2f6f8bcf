/**
 * Amounts and counts as people type them ("18 500,50" in Poland, "18,500.50" in England):
 * a text box, not the browser's number box (which refuses a space and reads a comma by
 * the browser's language, not the spreadsheet's). As the user types, the line under it
 * says what the form understood — "= 18 500,50 PLN", in the spreadsheet's locale, rounded
 * as it will be stored — and input that cannot be read, or could mean two numbers, shows
 * numbers.ts' message at once instead. The form sends the number it showed, so the server
 * cannot read the text otherwise.
 */
import { FIELD_KINDS } from '../domain/field-kinds';
import { formatNumber } from '../domain/format';
import { decimalSeparatorOf } from '../domain/numbers';
import { ENTITIES, type FieldSpec } from '../domain/schema';
import type { ValidationContext } from '../domain/validate';
import { h } from './dom';
import type { Control, ControlArgs } from './controls';

/** Money is stored to the cent; other numbers as typed. */
const moneyLike = (field: FieldSpec) => field.kind === 'money';

/** A stored number as the user would type it in this locale: no grouping, the locale's mark. */
export function typedForm(value: unknown, field: FieldSpec, context: ValidationContext): string {
  if (typeof value !== 'number') return value == null ? '' : String(value);
  const text = moneyLike(field) ? value.toFixed(2) : String(value);
  return text.replace('.', decimalSeparatorOf(context.locale, context.defaultCountry));
}

/** The currency an amount is in: its record's currency field, else the default one. */
function currencyOf(field: FieldSpec, values: Record<string, unknown>, context: ValidationContext) {
  for (const spec of Object.values(ENTITIES)) {
    if (!spec.fields.includes(field)) continue;
    const rule = spec.rules?.find((r) => r.kind === 'defaultCurrency' && r.amount === field.key);
    if (rule?.kind !== 'defaultCurrency') return null;
    const typed = String(values[rule.currency] ?? '').trim();
    return typed ? typed.toUpperCase() : context.defaultCurrency;
  }
  return null;
}

/** "18 500,50 PLN": the understood value in the spreadsheet's locale. */
export function understood(
  value: number,
  field: FieldSpec,
  context: ValidationContext,
  currency: string | null,
): string {
  const locale = context.locale ?? 'en';
  if (!moneyLike(field)) {
    const decimals = Math.min(10, (String(value).split('.')[1] ?? '').length);
    return formatNumber(value, locale, decimals);
  }
  return `${formatNumber(value, locale, 2)}${currency ? ` ${currency}` : ''}`;
}

export function amountInput(args: ControlArgs): Control {
  const { field, id, value, onChange, context, values, checkNow } = args;
  const input = h('input', {
    id,
    name: field.key,
    placeholder: field.placeholder,
    autocomplete: 'off',
    type: 'text',
    inputmode: 'decimal',
  });
  input.value = typedForm(value, field, context);
  const note = h('p', { class: 'understood', 'aria-live': 'polite', hidden: true });
  const element = h('div', { class: 'amount' }, input, note);

  const parse = () => FIELD_KINDS[field.kind].normalise(input.value.trim(), field, context);
  /** The number the text stands for, else the text (so the form's check names the problem). */
  const read = () => {
    const result = parse();
    return 'value' in result ? result.value : input.value.trim();
  };
  const show = () => {
    const result = parse();
    const number = 'value' in result && typeof result.value === 'number' ? result.value : null;
    note.hidden = number === null;
    note.textContent =
      number === null
        ? ''
        : `= ${understood(number, field, context, currencyOf(field, values(), context))}`;
    return result;
  };

  input.addEventListener('input', () => {
    const result = show();
    onChange();
    // Refused input says why while the user types, not only on leaving the field.
    if ('error' in result) checkNow();
  });
  // The currency typed in another field changes what the amount is in.
  const onOtherInput = (event: Event) => {
    if (!element.isConnected) return document.removeEventListener('input', onOtherInput);
    if (event.target !== input && input.value.trim()) show();
  };
  document.addEventListener('input', onOtherInput);
  // After the whole form is built, so the currency field is there to read.
  queueMicrotask(show);
  return { element, focusTarget: input, read };
}

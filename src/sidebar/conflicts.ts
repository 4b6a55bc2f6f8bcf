/**
 * A save refused because fields changed in the sheet since the form was opened: under each
 * such field, what the sheet holds now and who changed it, and the two ways on — take the
 * sheet's value into the form, or keep what the user typed and save it over the sheet's.
 * The user's typing is never thrown away without their choice.
 */
import type { FieldConflict } from '../domain/api-types';
import { formatDate, formatDateTime, formatPhone, type DisplayContext } from '../domain/format';
import type { FieldSpec, FieldValue } from '../domain/schema';
import { h } from './dom';
import { button } from './ui';

export interface ConflictChoices {
  useSheet(): void;
  keepMine(): void;
}

/** A value as the form would show it: a phone grouped, a date in the locale, a title for an id. */
export function shownValue(
  field: FieldSpec,
  value: FieldValue,
  display: DisplayContext,
  refTitle: (field: FieldSpec, id: string) => string | undefined,
): string {
  if (value === null || value === '' || (Array.isArray(value) && !value.length)) return 'empty';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  if (field.kind === 'phone') return formatPhone(text, display.defaultCountry);
  if (field.kind === 'date') return formatDate(text, display);
  if (field.kind === 'ref') return refTitle(field, text) ?? text;
  return text;
}

/** Who changed it, as far as the stamps tell. */
function changedBy(conflict: FieldConflict, display: DisplayContext): string {
  if (!conflict.changedBy) return 'Changed in the sheet since you opened this form.';
  const when = conflict.changedAt ? `, ${formatDateTime(conflict.changedAt, display)}` : '';
  return `Last saved by ${conflict.changedBy}${when}.`;
}

/** The box under a field in conflict. */
export function conflictBox(
  field: FieldSpec,
  conflict: FieldConflict,
  shown: string,
  display: DisplayContext,
  choices: ConflictChoices,
): HTMLElement {
  const labelId = `conflict-${field.key}`;
  return h(
    'div',
    { class: 'conflict', role: 'group', 'aria-labelledby': labelId, 'data-conflict': field.key },
    h(
      'p',
      { class: 'conflict-text', id: labelId },
      `${field.label} in the sheet now: `,
      h('strong', { class: 'conflict-value' }, shown),
    ),
    h('p', { class: 'conflict-who' }, changedBy(conflict, display)),
    h(
      'div',
      { class: 'conflict-actions' },
      button("Use the sheet's value", () => choices.useSheet(), { emphasis: 'outlined' }),
      button('Keep mine', () => choices.keepMine(), { emphasis: 'outlined' }),
    ),
  );
}

/**
 * A save says when it used a default in place of a Settings value the rules refuse
 * (settings-rules.ts, resolveSettings): "Settings: defaultCurrency 'złoty' is not a currency
 * code: …; PLN was used." Only the settings the record's own checks use are named — the
 * default country for phones and amounts, the default currency for a deal's or service's
 * amount — so a customer saved while the currency is mistyped is not told about it.
 */
import type { EntitySpec } from '../domain/schema';
import type { SaveResult } from '../domain/api-types';
import type { Document } from './document';

function settingsUsedBy(spec: EntitySpec): Set<string> {
  const used = new Set<string>();
  if (spec.fields.some((f) => !f.computed && (f.kind === 'phone' || f.kind === 'money'))) {
    used.add('defaultCountry'); // phones without +code, and the amounts' decimal separator
  }
  if (spec.rules?.some((rule) => rule.kind === 'defaultCurrency')) used.add('defaultCurrency');
  return used;
}

/** The result with `settingsNotes` when the save fell back on a default. */
export function withSettingNotes(doc: Document, spec: EntitySpec, result: SaveResult): SaveResult {
  if (!result.ok) return result;
  const used = settingsUsedBy(spec);
  const notes = doc
    .settingFallbacks()
    .filter((fallback) => used.has(fallback.key))
    .map((fallback) => fallback.message);
  return notes.length ? { ...result, settingsNotes: notes } : result;
}

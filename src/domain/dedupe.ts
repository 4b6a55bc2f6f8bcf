/**
 * Duplicate detection: the same person entered twice is the commonest mess in a
 * hand-made customer list. Two records are the same when their normalised email or
 * normalised phone match.
 */
import type { AnyRecord, EntityName } from './schema';

export type DuplicateMatch = { id: string; matchedOn: 'email' | 'phone' };

export function normalisedEmail(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

/** Digits only, so '+48 600-100-200' and '+48600100200' match; stored phones are E.164. */
export function normalisedPhone(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[^\d+]/g, '') : '';
}

const DEDUPED: ReadonlySet<EntityName> = new Set(['customers', 'contacts']);

export function findDuplicate(
  entity: EntityName,
  candidate: AnyRecord,
  existing: ReadonlyArray<{ id: string; record: AnyRecord }>,
): DuplicateMatch | null {
  if (!DEDUPED.has(entity)) return null;
  const email = normalisedEmail(candidate.email);
  const phone = normalisedPhone(candidate.phone);
  for (const { id, record } of existing) {
    if (id === candidate.id || record.archived === true) continue;
    if (email && normalisedEmail(record.email) === email) return { id, matchedOn: 'email' };
    if (phone && normalisedPhone(record.phone) === phone) return { id, matchedOn: 'phone' };
  }
  return null;
}

/**
 * Whether a cell could belong to a column of this kind. A header taken from the document
 * cache may be out of date (a user moved a column since); each row read through it is
 * checked here, and a row that does not fit sends the reader back to the header row. A
 * moved column shifts its neighbours, so the dates, numbers, check boxes, emails and
 * choices a row holds (the audit columns at least) rarely all still fit. A complete map
 * over FieldKind, like the other layers': a new kind says what its cells look like.
 */
import { isIsoDate } from '../../domain/calendar';
import type { FieldKind, FieldSpec } from '../../domain/schema';

type Fits = (cell: NonNullable<unknown>, field: FieldSpec) => boolean;

const anything: Fits = () => true;
const numeric: Fits = (cell) =>
  typeof cell === 'number' ||
  (typeof cell === 'string' && Number.isFinite(Number(cell.replace(/\s/g, ''))));

const CELL_FITS: Record<FieldKind, Fits> = {
  id: (cell) => typeof cell === 'string' || typeof cell === 'number',
  text: anything,
  longtext: anything,
  email: (cell) => typeof cell === 'string' && cell.includes('@'),
  phone: (cell) => typeof cell === 'number' || /^[+\d\s().\-/]+$/.test(String(cell)),
  currency: (cell) => typeof cell === 'string' && /^[A-Za-z]{3}$/.test(cell.trim()),
  callWindow: anything,
  url: anything,
  country: (cell) => typeof cell === 'string' && /^[A-Za-z]{2}$/.test(cell.trim()),
  date: (cell) => cell instanceof Date || (typeof cell === 'string' && isIsoDate(cell.trim())),
  datetime: (cell) =>
    cell instanceof Date || (typeof cell === 'string' && !Number.isNaN(Date.parse(cell))),
  number: numeric,
  money: numeric,
  enum: (cell, field) => {
    const text = String(cell).trim().toLowerCase();
    const options = [...(field.options ?? []), ...(field.systemOptions ?? [])];
    return !options.length || options.some((option) => option.toLowerCase() === text);
  },
  ref: (cell) => typeof cell === 'string' || typeof cell === 'number',
  tags: anything,
  boolean: (cell) => typeof cell === 'boolean' || /^(true|false)$/i.test(String(cell)),
};

export function cellFits(field: FieldSpec, cell: unknown): boolean {
  if (cell === '' || cell === null || cell === undefined) return true;
  return CELL_FITS[field.kind](cell, field);
}

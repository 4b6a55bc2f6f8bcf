/**
 * Reads the CDNOW purchase files in ../shared/data/cdnow (see the README there) into purchase
 * dates per customer, for the BG/NBD acceptance test and scripts/bgnbd-threshold.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The data folder sits beside the repository (CI places a copy of shared/ there too). */
export const CDNOW_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'data',
  'cdnow',
);

/** The calibration period of Fader, Hardie & Lee (2005): 39 weeks ending 1997-09-30. */
export const CALIBRATION_END = '1997-09-30';

export type CdnowFile = 'CDNOW_sample.txt' | 'CDNOW_master.txt';

export function cdnowPath(file: CdnowFile): string | null {
  const path = join(CDNOW_DIR, file);
  return existsSync(path) ? path : null;
}

/**
 * Purchase dates ('YYYY-MM-DD', one per row, repeats kept) by customer id. The sample's rows
 * are `master_id sample_id YYYYMMDD cds dollars`, the master's `id YYYYMMDD cds dollars`;
 * the sample is keyed by its own id (1..2357), the order of the published summary. Lines
 * that are not purchase rows (the master file's header) are skipped.
 */
export function readCdnow(path: string): Map<number, string[]> {
  const byCustomer = new Map<number, string[]>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    const dateField = fields.length === 5 ? 2 : 1;
    const id = Number(fields[dateField - 1]);
    const raw = fields[dateField] ?? '';
    if (fields.length < 4 || !Number.isInteger(id) || !/^\d{8}$/.test(raw)) continue;
    const date = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
    const dates = byCustomer.get(id);
    if (dates) dates.push(date);
    else byCustomer.set(id, [date]);
  }
  return byCustomer;
}

export interface CdnowPurchase {
  customer: number;
  date: string;
  dollars: number;
}

/** Every purchase row with its dollar value (benchmarks need amounts, not only dates). */
export function readCdnowPurchases(path: string): CdnowPurchase[] {
  const purchases: CdnowPurchase[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    const dateField = fields.length === 5 ? 2 : 1;
    const customer = Number(fields[dateField - 1]);
    const raw = fields[dateField] ?? '';
    const dollars = Number(fields[dateField + 2]);
    if (fields.length < 4 || !Number.isInteger(customer) || !/^\d{8}$/.test(raw)) continue;
    const date = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
    purchases.push({ customer, date, dollars: Number.isFinite(dollars) ? dollars : 0 });
  }
  return purchases;
}

/**
 * Derives src/local/demo-purchases.csv, the demo workbook's purchase histories, from the
 * CDNOW 1/10 sample (../shared/data/cdnow/CDNOW_sample.txt, 2,357 customers, 6,919
 * purchases): one line per purchase, `customer,day,cds,dollars`, where customer is the
 * sample id and day counts from 1997-01-01. Shipped in the repository so `npm start` needs
 * no ../shared; run `npx tsx scripts/demo-data.ts` to make it again (the output is the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdnowPath } from './cdnow.ts';
import { ROOT } from './build.ts';

export const DEMO_PURCHASES = join(ROOT, 'src/local/demo-purchases.csv');
const EPOCH = Date.UTC(1997, 0, 1);

export function derivePurchases(sample: string): string {
  const lines = ['customer,day,cds,dollars'];
  for (const line of sample.split(/\r?\n/)) {
    const [, id, date, cds, dollars] = line.trim().split(/\s+/);
    if (!/^\d{8}$/.test(date ?? '')) continue;
    const day =
      (Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) -
        EPOCH) /
      86_400_000;
    lines.push(`${Number(id)},${day},${Number(cds)},${Number(dollars)}`);
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('demo-data.ts')) {
  const path = cdnowPath('CDNOW_sample.txt');
  if (!path) throw new Error('CDNOW_sample.txt is not in ../shared/data/cdnow');
  writeFileSync(DEMO_PURCHASES, derivePurchases(readFileSync(path, 'utf8')));
  console.log(`Wrote ${DEMO_PURCHASES}`);
}

/**
 * The bundle's Dates follow the SCRIPT's time zone (appsscript.json), whatever the host's
 * TZ: the same probe runs through the runtime in child processes with TZ=UTC and
 * TZ=America/New_York and must give exactly what native V8 gives in Europe/Warsaw (the
 * reference child), including the DST-change days; afterwards the host zone is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ianaZoneFor, inTimeZone } from '../../../src/local/emulator/script-time-zone';

const fixtures = join(__dirname, 'fixtures');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kartoteka-tz-'));
  copyFileSync(join(fixtures, 'time-zone-probe.js'), join(dir, 'probe.js'));
  writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Europe/Warsaw' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChildOutput {
  dateChecks: Record<string, unknown>;
  cellChecks?: Record<string, unknown>;
  after?: { tz: string | null; hostHours: number };
}

function child(mode: 'reference' | 'runtime', tz: string): ChildOutput {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(fixtures, 'time-zone-child.ts'), mode, dir],
    { env: { ...process.env, TZ: tz }, encoding: 'utf8' },
  );
  return JSON.parse(out) as ChildOutput;
}

describe('script time zone in the bundle realm', () => {
  let reference: ChildOutput;
  beforeAll(() => {
    reference = child('reference', 'Europe/Warsaw');
  });

  it('the reference is native V8 in Warsaw (sanity: DST days as the tz database says)', () => {
    expect(reference.dateChecks).toMatchObject({
      ctorIso: '2024-01-15T08:30:00.000Z',
      offsets: [-60, -120],
      gap: '2024-03-31T01:30:00.000Z',
      springHours: [1, 3, 4],
      overlap: '2024-10-27T00:30:00.000Z',
      fallHours: [2, 2, 3],
      setDateAcrossDst: '2024-03-31T10:00:00.000Z',
      intlZone: 'Europe/Warsaw',
    });
  });

  for (const hostZone of ['UTC', 'America/New_York']) {
    describe(`host TZ=${hostZone}`, () => {
      let result: ChildOutput;
      beforeAll(() => {
        result = child('runtime', hostZone);
      });

      it('constructors, getters, setters, strings and parsing match Warsaw exactly', () => {
        expect(result.dateChecks).toEqual(reference.dateChecks);
      });

      it('Dates read from cells and the simulated now are in the script zone too', () => {
        expect(result.cellChecks).toEqual({
          isDate: true,
          typed: [31, 9, 0, '2024-03-31T07:00:00.000Z'],
          written: '3/31/2024 9:00:00',
          nowHours: 12,
        });
      });

      it("puts the host's own zone back after the executions", () => {
        expect(result.after).toEqual({
          tz: hostZone,
          hostHours: hostZone === 'UTC' ? 12 : 7,
        });
      });
    });
  }
});

describe('ianaZoneFor and inTimeZone', () => {
  it('maps whole-hour GMT script zones to Etc/GMT (inverted POSIX sign) and refuses others', () => {
    expect(ianaZoneFor('Europe/Warsaw')).toBe('Europe/Warsaw');
    expect(ianaZoneFor('GMT+4:00')).toBe('Etc/GMT-4');
    expect(ianaZoneFor('GMT-05')).toBe('Etc/GMT+5');
    expect(ianaZoneFor('GMT+0')).toBe('UTC');
    expect(() => ianaZoneFor('GMT+05:30')).toThrow(/not an IANA time zone/);
    expect(() => ianaZoneFor('Nowhere/Atlantis')).toThrow(/not an IANA time zone/);
  });

  it('restores the previous zone when the run throws', () => {
    const before = process.env.TZ;
    const instant = new Date(Date.UTC(2024, 6, 1, 12));
    expect(inTimeZone('Asia/Tokyo', () => instant.getHours())).toBe(21);
    expect(() =>
      inTimeZone('Asia/Tokyo', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(process.env.TZ).toBe(before);
  });
});

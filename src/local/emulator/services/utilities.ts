/**
 * Utilities: getUuid, formatDate (Java SimpleDateFormat patterns in any IANA zone, on Intl),
 * sleep on the simulated clock, base64. Byte arrays are Java bytes (-128…127), as Apps
 * Script returns them.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceHost } from '../execution';
import { apiObject } from '../guard';
import { MONTH_NAMES, WEEKDAY_NAMES, offsetMinutes, wallClock } from '../zoned-time';

/** https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer) */
export const MAX_SLEEP_MS = 300_000;

const MONTHS = MONTH_NAMES;
const DAYS = WEEKDAY_NAMES;

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offsetText(minutes: number, letter: 'Z' | 'X', count: number): string {
  if (letter === 'X' && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const hours = pad(Math.trunc(Math.abs(minutes) / 60), 2);
  const mins = pad(Math.abs(minutes) % 60, 2);
  if (letter === 'Z') return `${sign}${hours}${mins}`;
  if (count === 1) return mins === '00' ? `${sign}${hours}` : `${sign}${hours}${mins}`;
  return count === 2 ? `${sign}${hours}${mins}` : `${sign}${hours}:${mins}`;
}

/** Java SimpleDateFormat (English names) for `instant` in `timeZone`. */
export function formatJavaDate(instant: number, timeZone: string, pattern: string): string {
  const w = wallClock(instant, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      // '' is a literal quote, inside or outside quoted text; 'text' is literal text.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] !== "'") text += pattern[j++];
        else if (pattern[j + 1] === "'") {
          text += "'";
          j += 2;
        } else break;
      }
      if (j >= pattern.length) throw new Error(`Unterminated quote in pattern: ${pattern}`);
      out += text;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let count = 1;
    while (pattern[i + count] === ch) count++;
    i += count;
    switch (ch) {
      case 'y':
      case 'Y':
      case 'u':
        if (ch === 'u') {
          // u = day number of week (1 = Monday … 7 = Sunday)
          out += pad(w.weekday === 0 ? 7 : w.weekday, count);
        } else out += count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
        break;
      case 'M':
      case 'L':
        if (count >= 4) out += MONTHS[w.month - 1];
        else if (count === 3) out += MONTHS[w.month - 1].slice(0, 3);
        else out += pad(w.month, count);
        break;
      case 'd':
        out += pad(w.day, count);
        break;
      case 'H':
        out += pad(w.hour, count);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour, count);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
        break;
      case 'K':
        out += pad(w.hour % 12, count);
        break;
      case 'm':
        out += pad(w.minute, count);
        break;
      case 's':
        out += pad(w.second, count);
        break;
      case 'S':
        out += pad(w.millisecond, count);
        break;
      case 'E':
        out += count >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'Z':
        out += offsetText(offsetMinutes(instant, timeZone), 'Z', count);
        break;
      case 'X':
        out += offsetText(offsetMinutes(instant, timeZone), 'X', count);
        break;
      case 'z': {
        const name = new Intl.DateTimeFormat('en-US', {
          timeZone,
          timeZoneName: count >= 4 ? 'long' : 'short',
        })
          .formatToParts(new Date(instant))
          .find((p) => p.type === 'timeZoneName');
        out += name?.value ?? '';
        break;
      }
      default:
        // Java's SimpleDateFormat rejects the pattern the same way.
        throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

const toJavaBytes = (buffer: Buffer): number[] => [...buffer].map((b) => (b > 127 ? b - 256 : b));
const fromBytesOrString = (data: string | number[]): Buffer =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((b) => b & 0xff));

export function createUtilities(host: ServiceHost): GoogleAppsScript.Utilities.Utilities {
  const call = (method: string) => host.call('Utilities', method, { needsAuthorization: false });
  const utilities = {
    getUuid(): string {
      call('getUuid');
      return randomUUID();
    },
    formatDate(date: Date, timeZone: string, format: string): string {
      call('formatDate');
      if (
        !(date instanceof Date) &&
        typeof (date as { getTime?: unknown })?.getTime !== 'function'
      ) {
        throw new Error('Invalid argument: date');
      }
      new Intl.DateTimeFormat('en-US', { timeZone }); // RangeError for an unknown zone
      return formatJavaDate(date.getTime(), timeZone, String(format));
    },
    sleep(milliseconds: number): void {
      call('sleep');
      const ms = Number(milliseconds);
      // The documented maximum; the exact error text was not found ("Argument too large" family).
      if (ms > MAX_SLEEP_MS) throw new Error('Argument too large: milliseconds');
      host.sleep(Math.max(0, ms));
    },
    base64Encode(data: string | number[]): string {
      call('base64Encode');
      return fromBytesOrString(data).toString('base64');
    },
    base64EncodeWebSafe(data: string | number[]): string {
      call('base64EncodeWebSafe');
      return fromBytesOrString(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },
    base64Decode(encoded: string): number[] {
      call('base64Decode');
      return toJavaBytes(Buffer.from(String(encoded), 'base64'));
    },
    base64DecodeWebSafe(encoded: string): number[] {
      call('base64DecodeWebSafe');
      return toJavaBytes(Buffer.from(String(encoded), 'base64url'));
    },
    newBlob(data: string | number[]) {
      // Only what Utilities.newBlob(...).getDataAsString() needs, for decoding base64 text.
      call('newBlob');
      const buffer = fromBytesOrString(data);
      return apiObject('Blob', {
        getDataAsString: () => buffer.toString('utf8'),
        getBytes: () => toJavaBytes(buffer),
      });
    },
  };
  // A subset (no digests, zips, blobs beyond the above, parseDate).
  return utilities as unknown as GoogleAppsScript.Utilities.Utilities;
}

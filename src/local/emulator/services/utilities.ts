/**
 * Utilities: getUuid, formatDate with Java SimpleDateFormat patterns in any time zone,
 * sleep on the simulated clock, base64.
 * https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
 */
import { randomUUID } from 'node:crypto';
import type { ServiceHost } from '../execution';
import { zonedParts } from '../time-zone';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MAX_SLEEP_MS = 300_000;

function offsetMinutes(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return Math.round(
    (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms) - instant) / 60_000,
  );
}

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const instant = date.getTime();
  const p = zonedParts(instant, timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const oh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const om = String(Math.abs(offset) % 60).padStart(2, '0');
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const char = pattern[i];
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      const literal = pattern.slice(i + 1, end === -1 ? undefined : end);
      out += literal === '' ? "'" : literal;
      i = end === -1 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(char)) {
      out += char;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === char) n++;
    i += n;
    switch (char) {
      case 'y':
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'M':
        out +=
          n >= 4
            ? MONTHS[p.month - 1]
            : n === 3
              ? MONTHS[p.month - 1].slice(0, 3)
              : pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[weekday] : DAYS[weekday].slice(0, 3);
        break;
      case 'u':
        out += String(weekday === 0 ? 7 : weekday);
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.ms, 3).slice(0, Math.max(n, 3));
        break;
      case 'Z':
        out += `${sign}${oh}${om}`;
        break;
      case 'X':
        out +=
          offset === 0
            ? 'Z'
            : n === 1
              ? `${sign}${oh}`
              : n === 2
                ? `${sign}${oh}${om}`
                : `${sign}${oh}:${om}`;
        break;
      case 'z':
        out += offset === 0 ? 'GMT' : `GMT${sign}${oh}:${om}`;
        break;
      default:
        throw new Error(`Illegal pattern character '${char}'`);
    }
  }
  return out;
}

export function createUtilities(host: ServiceHost) {
  return {
    getUuid(): string {
      host.call('Utilities', 'getUuid', { needsAuthorization: false });
      return randomUUID();
    },
    formatDate(date: Date, timeZone: string, format: string): string {
      host.call('Utilities', 'formatDate', { needsAuthorization: false });
      return formatDate(date, timeZone, format);
    },
    sleep(milliseconds: number): void {
      host.call('Utilities', 'sleep', { needsAuthorization: false });
      if (milliseconds > MAX_SLEEP_MS)
        throw new Error('Utilities.sleep: the maximum is 300000 milliseconds.');
      host.sleep(Math.max(0, milliseconds));
    },
    base64Encode(data: string): string {
      host.call('Utilities', 'base64Encode', { needsAuthorization: false });
      return Buffer.from(data, 'utf8').toString('base64');
    },
    base64Decode(encoded: string): number[] {
      host.call('Utilities', 'base64Decode', { needsAuthorization: false });
      return [...Buffer.from(encoded, 'base64')].map((b) => (b > 127 ? b - 256 : b));
    },
  };
}

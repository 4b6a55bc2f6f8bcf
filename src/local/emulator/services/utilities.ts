/**
 * Utilities: getUuid, formatDate (Java SimpleDateFormat patterns and java.util.TimeZone ids,
 * see java-date-format.ts),
 * sleep on the simulated clock, base64. Byte arrays are Java bytes (-128…127), as Apps
 * Script returns them.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceHost } from '../execution';
import { formatJavaDate, javaTimeZone } from './java-date-format';
import { apiObject } from '../guard';

/** https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer) */
export const MAX_SLEEP_MS = 300_000;

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
      return formatJavaDate(date.getTime(), javaTimeZone(String(timeZone)), String(format));
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

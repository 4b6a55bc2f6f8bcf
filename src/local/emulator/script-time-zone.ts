/**
 * The script's time zone inside the bundle's realm. In Apps Script, `new Date(2024, 0, 15,
 * 9, 30)`, `getHours()`, `toString()` and Dates parsed from strings without an offset use the
 * SCRIPT's time zone, the manifest's `timeZone` ("The script time zone in one of the available
 * ZoneId values", https://developers.google.com/apps-script/manifest; practitioners' logs show
 * `new Date("02/26/2023")` reading as "Sun Feb 26 2023 00:00:00 GMT-0800 (Pacific Standard
 * Time)" in a Pacific project: https://www.milan-rajic.com/date-and-time-1-6-it-can-be-tricky).
 * A Node process computes those fields in its own zone (TZ), so the runtime switches the
 * process zone to the script's while an execution runs and restores it afterwards.
 *
 * Why the process zone and not a wrapped Date: V8 itself then does every local-time
 * computation (constructor arguments, setters, string parsing, DST gaps and overlaps,
 * toString/toLocale*, Intl's default zone) exactly as Apps Script's V8 does, Dates the
 * emulator creates (cell values) behave the same as the script's own, and `instanceof Date`
 * keeps working across realms because the host Date is still the one passed in. Node
 * re-reads TZ whenever process.env.TZ is assigned. Executions are synchronous, so no other
 * host code runs while the zone is switched; the process zone is shared by every
 * worker_thread, so run the runtime in a process (vitest's default 'forks' pool), not in
 * threads that also compute local times.
 */

/** Java custom ids "GMT+2", "GMT-05", "GMT+02:00" (whole hours only, see ianaZoneFor). */
const WHOLE_HOUR_GMT_ID = /^GMT([+-])(\d{1,2})(?::?00)?$/;

/**
 * The IANA zone Node should use for a script time zone. Apps Script also allows a script
 * zone written as an offset ("GMT+4:00"); whole-hour offsets map to the IANA Etc/GMT zones,
 * whose sign is inverted by POSIX convention (GMT+4 is "Etc/GMT-4"). Other offsets have no
 * IANA zone a process can use and are refused.
 */
export function ianaZoneFor(scriptTimeZone: string): string {
  const offset = WHOLE_HOUR_GMT_ID.exec(scriptTimeZone);
  if (offset) {
    const hours = Number(offset[2]);
    if (hours === 0) return 'UTC';
    return `Etc/GMT${offset[1] === '+' ? '-' : '+'}${hours}`;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: scriptTimeZone });
  } catch {
    throw new Error(
      `The script time zone "${scriptTimeZone}" is not an IANA time zone the local runtime ` +
        'can use (appsscript.json "timeZone").',
    );
  }
  return scriptTimeZone;
}

/**
 * Runs `run` with the process's local time zone set to `timeZone` (an IANA id), then puts
 * the previous zone back, also when `run` throws. Nested calls with the same zone cost
 * nothing.
 */
export function inTimeZone<T>(timeZone: string, run: () => T): T {
  const previous = process.env.TZ;
  if (previous === timeZone) return run();
  process.env.TZ = timeZone;
  try {
    return run();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

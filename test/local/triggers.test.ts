/**
 * Time-driven triggers in the runtime: "run now" (runTrigger) and the due runs
 * (runDueTriggers) take one path, with the event object Apps Script passes
 * (https://developers.google.com/apps-script/guide_events, "Time-driven"), the trigger's
 * owner, and lastRun / next run updated.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../src/local/runtime.ts';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-triggers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROBE = join(dir, 'triggers.js');
writeFileSync(
  PROBE,
  `
function installHourly() { return ScriptApp.newTrigger('tick').timeBased().everyHours(1).create().getUniqueId(); }
function installOnOpen() {
  return ScriptApp.newTrigger('tick').forSpreadsheet(SpreadsheetApp.getActive()).onOpen().create().getUniqueId();
}
function tick(e) {
  var props = PropertiesService.getDocumentProperties();
  var runs = JSON.parse(props.getProperty('runs') || '[]');
  runs.push({ event: e, user: Session.getActiveUser().getEmail(), active: SpreadsheetApp.getActive() === null });
  props.setProperty('runs', JSON.stringify(runs));
}
`,
);

/** A Sunday 23:30 in UTC, already Monday in Warsaw: the event object speaks UTC. */
const SUNDAY_LATE = new Date('2026-03-08T23:30:00Z');

function runsOf(runtime: ReturnType<typeof createRuntime>): Array<Record<string, unknown>> {
  return JSON.parse(runtime.state.properties.document.runs ?? '[]');
}

function installed(now = SUNDAY_LATE) {
  const runtime = createRuntime({ codePath: PROBE, now, user: 'ala@example.com' });
  const install = runtime.run<string>('installHourly');
  expect(install.ok).toBe(true);
  return { runtime, id: install.value! };
}

describe('runTrigger ("run now")', () => {
  it("passes the time-driven event object and runs as the trigger's owner, without a document", () => {
    const { runtime, id } = installed();
    const result = runtime.runTrigger(id);
    expect(result.ok).toBe(true);
    expect(runsOf(runtime)).toEqual([
      {
        event: {
          authMode: 'FULL',
          triggerUid: id,
          year: 2026,
          month: 3,
          'week-of-year': 10,
          'day-of-month': 8,
          'day-of-week': 7,
          hour: 23,
          minute: 30,
          second: 0,
          timezone: 'UTC',
        },
        user: 'ala@example.com',
        active: true,
      },
    ]);
  });

  it('records the run and moves the next run on from it', () => {
    const { runtime, id } = installed();
    const trigger = runtime.state.triggers.find((t) => t.uniqueId === id)!;
    expect(trigger.lastRun).toBeUndefined();
    runtime.setNow(new Date('2026-03-08T23:50:00Z'));
    runtime.runTrigger(id);
    expect(trigger.lastRun).toBe('2026-03-08T23:50:00.000Z');
    expect(trigger.nextRun).toBe('2026-03-09T00:50:00.000Z');
  });

  it('gives the same event and bookkeeping as a due run at the same moment', () => {
    const now = new Date('2026-03-09T00:30:00Z');
    const early = installed();
    const due = installed();
    for (const { runtime } of [early, due]) runtime.setNow(now);
    early.runtime.runTrigger(early.id);
    const runs = due.runtime.runDueTriggers();
    expect(runs.map((r) => r.trigger)).toEqual([due.id]);
    const strip = (run: Record<string, unknown>) => ({
      ...run,
      event: { ...(run.event as object), triggerUid: 'x' },
    });
    expect(runsOf(early.runtime).map(strip)).toEqual(runsOf(due.runtime).map(strip));
    const [a, b] = [early, due].map(({ runtime }) => runtime.state.triggers[0]);
    expect([a.lastRun, a.nextRun]).toEqual([b.lastRun, b.nextRun]);
  });

  it('refuses an unknown id and a trigger that is not time-driven', () => {
    const { runtime } = installed();
    expect(() => runtime.runTrigger('nope')).toThrow('No trigger with id nope');
    const onOpen = runtime.run<string>('installOnOpen').value!;
    expect(() => runtime.runTrigger(onOpen)).toThrow(/ON_OPEN, not time-driven/);
    expect(runsOf(runtime)).toEqual([]);
  });
});

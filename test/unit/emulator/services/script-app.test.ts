import { describe, expect, it } from 'vitest';
import {
  computeNextRun,
  createScriptApp,
  TOO_MANY_CLOCK_TRIGGERS_MESSAGE,
  TOO_MANY_TRIGGERS_MESSAGE,
} from '../../../../src/local/emulator/services/script-app';
import type { TriggerState } from '../../../../src/local/emulator/state';
import { FakeHost, newWorld } from '../fake-host';

const spreadsheet = (id: string) => ({ getId: () => id });

describe('ScriptApp triggers', () => {
  it('creates a daily clock trigger with its handler, type, source and next run', () => {
    const host = new FakeHost(newWorld('2026-03-02T10:00:00Z'));
    const scriptApp = createScriptApp(host);
    const trigger = scriptApp.newTrigger('dailyJob').timeBased().atHour(9).everyDays(1).create();
    expect(trigger.getHandlerFunction()).toBe('dailyJob');
    expect(trigger.getEventType()).toBe(scriptApp.EventType.CLOCK);
    expect(trigger.getTriggerSource()).toBe(scriptApp.TriggerSource.CLOCK);
    expect(host.state.triggers).toHaveLength(1);
    const stored = host.state.triggers[0];
    expect(stored).toMatchObject({
      owner: 'ala@example.com',
      documentId: 'doc-1',
      eventType: 'CLOCK',
    });
    expect(stored.uniqueId).toBe(trigger.getUniqueId());
    // 10:00Z is 11:00 in Warsaw (CET): today's 9:00 has passed, so tomorrow 9:00 CET.
    expect(stored.nextRun).toBe('2026-03-03T08:00:00.000Z');
  });

  it('allows one trigger of each type per user per document (add-on rule)', () => {
    const world = newWorld();
    const scriptApp = createScriptApp(new FakeHost(world));
    scriptApp.newTrigger('dailyJob').timeBased().everyDays(1).atHour(9).create();
    expect(() => scriptApp.newTrigger('other').timeBased().everyHours(6).create()).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    expect(TOO_MANY_CLOCK_TRIGGERS_MESSAGE).toMatch(/^This add-on has created too many time-based/);
    // A different event type, another user, another document: all fine.
    scriptApp
      .newTrigger('onEditHandler')
      .forSpreadsheet(spreadsheet('doc-1') as never)
      .onEdit()
      .create();
    expect(() => scriptApp.newTrigger('again').forSpreadsheet('doc-1').onEdit().create()).toThrow(
      /too many edit triggers/,
    );
    createScriptApp(new FakeHost(world, { user: 'ola@example.com' }))
      .newTrigger('dailyJob')
      .timeBased()
      .everyDays(1)
      .create();
    scriptApp.newTrigger('open').forSpreadsheet('doc-2').onOpen().create();
    expect(world.state.triggers).toHaveLength(4);
  });

  it('refuses time-driven triggers more often than hourly', () => {
    const scriptApp = createScriptApp(new FakeHost(newWorld()));
    expect(() => scriptApp.newTrigger('f').timeBased().everyMinutes(30)).toThrow(/once per hour/);
  });

  it('allows at most 20 triggers per user', () => {
    const host = new FakeHost(newWorld());
    const scriptApp = createScriptApp(host);
    for (let i = 0; i < 20; i++)
      scriptApp.newTrigger('f').forSpreadsheet(`doc-${i}`).onOpen().create();
    expect(() => scriptApp.newTrigger('f').forSpreadsheet('doc-99').onOpen().create()).toThrow(
      TOO_MANY_TRIGGERS_MESSAGE,
    );
  });

  it("lists and deletes only the current user's triggers", () => {
    const world = newWorld();
    const ala = createScriptApp(new FakeHost(world));
    const ola = createScriptApp(new FakeHost(world, { user: 'ola@example.com' }));
    ala.newTrigger('a').timeBased().everyDays(1).create();
    ala.newTrigger('a2').forSpreadsheet('doc-2').onOpen().create();
    ola.newTrigger('o').timeBased().everyDays(1).create();
    expect(ala.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['a', 'a2']);
    expect(
      ala.getUserTriggers(spreadsheet('doc-1') as never).map((t) => t.getHandlerFunction()),
    ).toEqual(['a']);
    for (const t of ola.getProjectTriggers()) ala.deleteTrigger(t); // not hers: no effect
    expect(world.state.triggers).toHaveLength(3);
    for (const t of ala.getProjectTriggers()) ala.deleteTrigger(t);
    expect(world.state.triggers.map((t) => t.handlerFunction)).toEqual(['o']);
  });

  it('one-off triggers: after(ms) and at(date)', () => {
    const world = newWorld('2026-03-02T10:00:00Z');
    createScriptApp(new FakeHost(world)).newTrigger('later').timeBased().after(90_000).create();
    expect(world.state.triggers[0].nextRun).toBe('2026-03-02T10:01:30.000Z');
    createScriptApp(new FakeHost(world, { user: 'b@example.com' }))
      .newTrigger('at')
      .timeBased()
      .at(new Date('2026-04-01T12:00:00Z'))
      .create();
    expect(world.state.triggers[1].nextRun).toBe('2026-04-01T12:00:00.000Z');
  });
});

describe('computeNextRun', () => {
  const daily = (schedule: TriggerState['schedule'], lastRun?: string): TriggerState => ({
    uniqueId: 'x',
    handlerFunction: 'f',
    eventType: 'CLOCK',
    owner: 'a@example.com',
    documentId: 'doc-1',
    schedule,
    lastRun,
  });

  it('keeps 9:00 local across the spring DST change in Europe/Warsaw', () => {
    const trigger = daily({ everyDays: 1, atHour: 9 });
    // Saturday 28 March 2026, 9:00 CET = 08:00Z; Sunday 29 March (CEST) 9:00 = 07:00Z.
    const saturday = computeNextRun(trigger, new Date('2026-03-28T06:00:00Z'), 'Europe/Warsaw');
    expect(saturday).toBe('2026-03-28T08:00:00.000Z');
    const sunday = computeNextRun(trigger, new Date(saturday), 'Europe/Warsaw');
    expect(sunday).toBe('2026-03-29T07:00:00.000Z');
  });

  it('keeps 9:00 local across the autumn DST change, and honours nearMinute', () => {
    const trigger = daily({ everyDays: 1, atHour: 9, nearMinute: 30 });
    expect(computeNextRun(trigger, new Date('2026-10-24T08:00:00Z'), 'Europe/Warsaw')).toBe(
      '2026-10-25T08:30:00.000Z',
    );
  });

  it('the trigger time zone (inTimezone) wins over the script one', () => {
    const trigger = daily({ everyDays: 1, atHour: 9, timeZone: 'America/New_York' });
    expect(computeNextRun(trigger, new Date('2026-03-02T00:00:00Z'), 'Europe/Warsaw')).toBe(
      '2026-03-02T14:00:00.000Z',
    );
  });

  it('everyDays(n) waits n days after the previous run; everyHours(n) n hours', () => {
    const trigger = daily({ everyDays: 3, atHour: 9 }, '2026-03-02T08:00:00.000Z');
    expect(computeNextRun(trigger, new Date('2026-03-02T08:00:00Z'), 'Europe/Warsaw')).toBe(
      '2026-03-05T08:00:00.000Z',
    );
    const hourly = daily({ everyHours: 6 }, '2026-03-02T08:00:00.000Z');
    expect(computeNextRun(hourly, new Date('2026-03-02T08:00:01Z'), 'UTC')).toBe(
      '2026-03-02T14:00:00.000Z',
    );
  });

  it('weekly on a week day at an hour', () => {
    const trigger = daily({ everyWeeks: 1, onWeekDay: 'MONDAY', atHour: 8 });
    // Wednesday 4 March 2026 → Monday 9 March, 8:00 CET.
    expect(computeNextRun(trigger, new Date('2026-03-04T12:00:00Z'), 'Europe/Warsaw')).toBe(
      '2026-03-09T07:00:00.000Z',
    );
  });
});

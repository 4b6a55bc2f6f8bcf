/**
 * Scheduled reminders through the built bundle and the runtime's simulated clock: one
 * trigger per document, one owner among teammates, one digest per recipient per day —
 * never twice (double runs, crashes), never lost (quota, missed days), never silent
 * (authorisation revoked), across a daylight-saving change.
 */
import { describe, expect, it } from 'vitest';
import { newRuntime, tab } from './workbook.ts';
import type { LocalRuntime } from '../../src/local/runtime.ts';
import type { AnyRecord } from '../../src/domain/schema.ts';
import type { SaveResult } from '../../src/domain/api-types.ts';

const ANA = 'ana@example.com';
const BOB = 'bob@example.com';
const CLEO = 'cleo@example.com';
/** 07:30 UTC: 08:30 in Warsaw in winter, 09:30 in summer — after the 8:00 reminder hour. */
const dayAt = (date: string) => new Date(`${date}T07:30:00Z`);

function as<T>(runtime: LocalRuntime, user: string, name: string, ...args: unknown[]): T {
  const result = runtime.run<T>(name, args, { source: 'script-run', user });
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

function save(runtime: LocalRuntime, entity: string, record: AnyRecord): string {
  const result = as<SaveResult>(runtime, ANA, 'saveRecord', entity, record, {
    confirmDuplicate: true,
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return String(result.record.id);
}

/** A small team's card index: Ana's and Bob's customers with follow-ups and a birthday. */
function seeded(start = '2026-03-02'): LocalRuntime {
  const runtime = newRuntime({ now: dayAt(start), user: ANA, strictLocks: true });
  as(runtime, ANA, 'setupTabs');
  save(runtime, 'customers', {
    name: 'Anna Nowak',
    email: 'anna@example.com',
    owner: ANA,
    followUp: '2026-03-04',
    callWindow: '10:00–14:00',
    preferredChannel: 'WhatsApp',
  });
  save(runtime, 'customers', {
    name: 'Piotr <img src=x onerror=alert(1)>',
    email: 'piotr@example.com',
    owner: BOB,
    followUp: '2026-03-03',
    birthday: '1980-03-10',
  });
  const zofia = save(runtime, 'customers', {
    name: 'Zofia Zielińska',
    email: 'zofia@example.com',
    owner: ANA,
  });
  save(runtime, 'deals', {
    customerId: zofia,
    title: 'Spring order',
    stage: 'proposal',
    amount: 1200,
    expectedClose: '2026-03-20',
    owner: BOB,
  });
  return runtime;
}

const digestsOn = (runtime: LocalRuntime, date: string) =>
  runtime.state.outbox.filter((m) => m.sentAt.startsWith(date));

function runDay(runtime: LocalRuntime, date: string) {
  runtime.setNow(dayAt(date));
  return runtime.runDueTriggers();
}

describe('turning reminders on', () => {
  it('installs one hourly trigger however often it is turned on, and names the owner', () => {
    const runtime = seeded();
    as(runtime, ANA, 'turnOnReminders', 8);
    const status = as<{ on: boolean; owner: string; youOwn: boolean; nextRun: string }>(
      runtime,
      ANA,
      'turnOnReminders',
      9,
    );
    expect(runtime.state.triggers).toHaveLength(1);
    expect(runtime.state.triggers[0]).toMatchObject({ handlerFunction: 'runDailyJob', owner: ANA });
    expect(status).toMatchObject({ on: true, owner: ANA, youOwn: true });
    expect(status.nextRun).toBe('2026-03-02 between 09:00 and 10:00');
  });

  it('refuses an hour that is not 0–23 with a clear message', () => {
    const runtime = seeded();
    const result = runtime.run('turnOnReminders', [24], { source: 'script-run', user: ANA });
    expect(result.error?.message).toBe('Reminder hour: choose a whole hour from 0 to 23 (got 24).');
    expect(runtime.state.triggers).toHaveLength(0);
  });

  it('three teammates: one owner; a take-over retires the old trigger on its next run', () => {
    const runtime = seeded();
    as(runtime, ANA, 'turnOnReminders', 8);
    const bob = as<{ owner: string; youOwn: boolean }>(runtime, BOB, 'turnOnReminders', 8);
    expect(bob).toMatchObject({ owner: ANA, youOwn: false });
    expect(runtime.state.triggers.map((t) => t.owner)).toEqual([ANA]);
    as(runtime, CLEO, 'turnOnReminders', 8, true);
    expect(runtime.state.triggers.map((t) => t.owner).sort()).toEqual([ANA, CLEO]);

    runDay(runtime, '2026-03-04');
    expect(runtime.state.triggers.map((t) => t.owner)).toEqual([CLEO]);
    const mails = digestsOn(runtime, '2026-03-04');
    // One digest per recipient, sent by the owner's trigger only.
    expect(mails.map((m) => m.to).sort()).toEqual([ANA, BOB]);
    expect(new Set(mails.map((m) => m.from))).toEqual(new Set([CLEO]));
  });
});

describe('the daily digest', () => {
  it('60 days: one digest per recipient per day with something due, none twice, DST included', () => {
    const runtime = seeded('2026-03-01');
    as(runtime, ANA, 'turnOnReminders', 8);
    const perDay: Record<string, string[]> = {};
    for (let day = 0; day < 60; day++) {
      const date = new Date(Date.UTC(2026, 2, 2 + day)).toISOString().slice(0, 10);
      runDay(runtime, date);
      // A second due-trigger run the same day, an hour later, sends nothing new.
      runtime.setNow(new Date(dayAt(date).getTime() + 3_600_000));
      runtime.runDueTriggers();
      perDay[date] = digestsOn(runtime, date).map((m) => m.to);
    }
    for (const [date, recipients] of Object.entries(perDay)) {
      expect(new Set(recipients).size, `${date}: ${recipients.join(', ')}`).toBe(recipients.length);
    }
    // Bob's follow-up with Piotr is due on 3 March and stays, overdue, until it is done.
    expect(perDay['2026-03-03']).toContain(BOB);
    expect(perDay['2026-03-29']).toContain(BOB); // the day clocks go forward in Warsaw
    expect(perDay['2026-04-30']).toContain(BOB);
    const first = digestsOn(runtime, '2026-03-03').find((m) => m.to === BOB)!;
    expect(first.subject).toMatch(/^Kartoteka: /);
    // The customer's name is shown as text, never as markup.
    expect(first.htmlBody).toContain('Piotr &lt;img src=x onerror=alert(1)&gt;');
    expect(first.htmlBody).not.toContain('<img src=x');
    // Ana's follow-up with Anna Nowak carries how to reach her.
    const ana = digestsOn(runtime, '2026-03-04').find((m) => m.to === ANA)!;
    expect(ana.body).toMatch(/Anna Nowak/);
    expect(ana.body).toMatch(/10:00/);
    expect(ana.body).toMatch(/WhatsApp/);
  });

  it('a crash after the first digest: the next run sends only the missing one', () => {
    const runtime = seeded();
    as(runtime, ANA, 'turnOnReminders', 8);
    runtime.crashNextExecution('MailApp.sendEmail', 2);
    runDay(runtime, '2026-03-05');
    expect(digestsOn(runtime, '2026-03-05')).toHaveLength(1);
    runtime.setNow(new Date(dayAt('2026-03-05').getTime() + 3_600_000));
    runtime.runDueTriggers();
    const mails = digestsOn(runtime, '2026-03-05');
    expect(mails.map((m) => m.to).sort()).toEqual([ANA, BOB]);
    // Each reminder recorded in the Log names its customer beside the id.
    const [header, ...rows] = tab(runtime, 'Log');
    const sent = rows.filter((r) => r[header.indexOf('Kind')] === 'reminder sent');
    expect(sent.length).toBeGreaterThan(0);
    const names = sent.map((r) => r[header.indexOf('Customer name')]);
    expect(names).toContain('Anna Nowak');
    expect(names.every((n) => n !== '')).toBe(true);
  });

  it('a hand-typed bad setting falls back to its default, and the status says so', () => {
    const runtime = seeded();
    as(runtime, ANA, 'turnOnReminders', 8);
    const settings = tab(runtime, 'Settings');
    const row = settings.findIndex((r) => r[0] === 'defaultCurrency') + 1;
    runtime.userEdit('Settings', `B${row}`, 'złoty');
    runDay(runtime, '2026-03-05');
    expect(digestsOn(runtime, '2026-03-05').length).toBeGreaterThan(0);
    const status = as<{ result: string; message: string }>(runtime, ANA, 'getReminderStatus');
    expect(status.result).toBe('ok');
    expect(status.message).toMatch(/Settings: defaultCurrency 'złoty'.*PLN was used/);
    expect(status.message).not.toMatch(/Settings: Settings:/);
  });

  it('a date cell without a date format (a serial number) does not hide its customer', () => {
    const runtime = seeded();
    as(runtime, ANA, 'turnOnReminders', 8);
    // Stage since as the lifecycle job's RAW write leaves it in a row no format reached.
    const sheet = runtime.state.sheets.find((s) => s.name === 'Customers')!;
    const header = sheet.rows[0]!.map((c) => c?.v);
    const anna = sheet.rows.findIndex((r) => r?.[header.indexOf('Name')]?.v === 'Anna Nowak');
    sheet.rows[anna]![header.indexOf('Stage since')] = { v: 46083 };
    runDay(runtime, '2026-03-05');
    const mail = digestsOn(runtime, '2026-03-05').find((m) => m.to === ANA);
    expect(mail?.body).toContain('Anna Nowak');
  });

  it('out of mail quota: the rest arrive first the next day, and the sidebar says so', () => {
    const runtime = seeded();
    as(runtime, ANA, 'turnOnReminders', 8);
    // Ana (whose trigger sends) already used 99 of her 100 recipients today.
    runtime.state.mailQuota[ANA] = { day: '2026-03-05', recipients: 99 };
    runDay(runtime, '2026-03-05');
    expect(digestsOn(runtime, '2026-03-05')).toHaveLength(1);
    const status = as<{ result: string; message: string }>(runtime, ANA, 'getReminderStatus');
    expect(status.result).toBe('partial');
    expect(status.message).toMatch(/Out of today's mail quota: .* will get theirs first tomorrow/);
    runDay(runtime, '2026-03-06');
    const next = digestsOn(runtime, '2026-03-06');
    expect(next.map((m) => m.to).sort()).toEqual([ANA, BOB]);
  });

  it('authorisation revoked: nothing is sent and the sidebar shows the problem', () => {
    const runtime = seeded();
    as(runtime, ANA, 'turnOnReminders', 8);
    runtime.revokeAuthorization(ANA);
    runDay(runtime, '2026-03-04');
    runDay(runtime, '2026-03-05');
    expect(runtime.state.outbox).toHaveLength(0);
    const status = as<{ result: string; message: string; problem: string }>(
      runtime,
      BOB,
      'getReminderStatus',
    );
    expect(status.result).toBe('error');
    expect(status.message).toMatch(/no longer authorised/);
    expect(status.problem).toMatch(/have not completed since/);
  });

  it('previews tomorrow per recipient without sending or recording anything', () => {
    const runtime = seeded();
    const before = JSON.stringify(runtime.state.sheets);
    const preview = as<Array<{ recipient: string; subject: string; text: string }>>(
      runtime,
      ANA,
      'previewReminders',
    );
    expect(preview.map((p) => p.recipient).sort()).toEqual([BOB]);
    expect(preview[0].text).toMatch(/Piotr/);
    expect(runtime.state.outbox).toHaveLength(0);
    expect(JSON.stringify(runtime.state.sheets)).toBe(before);
  });
});

/**
 * The emulated services other than SpreadsheetApp, one test per documented rule, against
 * a fake execution host (no Kartoteka code involved).
 */
import { describe, expect, it } from 'vitest';
import { FakeHost } from './fake-host';
import { newWorkbookState } from '../../../src/local/emulator/state';
import {
  createLockService,
  releaseAllLocks,
  LOCK_TIMEOUT_MESSAGE,
} from '../../../src/local/emulator/services/lock';
import { createPropertiesService } from '../../../src/local/emulator/services/properties';
import { createCacheService, newCacheStore } from '../../../src/local/emulator/services/cache';
import { computeNextRun, createScriptApp } from '../../../src/local/emulator/services/script-app';
import { createMailApp, DAILY_RECIPIENTS } from '../../../src/local/emulator/services/mail';
import { createHtmlService } from '../../../src/local/emulator/services/html';
import { createSession } from '../../../src/local/emulator/services/session';
import { createUtilities, formatDate } from '../../../src/local/emulator/services/utilities';
import { createLogger } from '../../../src/local/emulator/services/logger';
import type { LockTable } from '../../../src/local/emulator/execution';

/** Two executions of one runtime: they share the workbook and the lock table. */
function twoExecutions() {
  const state = newWorkbookState({ id: 'doc-1' });
  const locks: LockTable = new Map();
  const first = Object.assign(new FakeHost(state), { executionId: 1, locks });
  const second = Object.assign(new FakeHost(state), { executionId: 2, locks });
  return { first, second, locks };
}

describe('LockService', () => {
  it('gives the document lock to one execution; the other times out with Google\u2019s message', () => {
    const { first, second } = twoExecutions();
    const lock = createLockService(first).getDocumentLock()!;
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(lock.tryLock(1000)).toBe(true); // re-entrant for its holder
    const other = createLockService(second).getDocumentLock()!;
    const before = second.now().getTime();
    expect(other.tryLock(2000)).toBe(false);
    expect(second.now().getTime() - before).toBe(2000); // the wait used the simulated clock
    expect(() => other.waitLock(500)).toThrow(LOCK_TIMEOUT_MESSAGE);
    lock.releaseLock();
    expect(other.tryLock(0)).toBe(true);
  });

  it('keeps document, script and user locks apart, and frees what an execution still holds when it ends', () => {
    const { first, second, locks } = twoExecutions();
    createLockService(first).getScriptLock().waitLock(10);
    expect(createLockService(second).getDocumentLock()!.tryLock(0)).toBe(true);
    expect(createLockService(second).getScriptLock().tryLock(0)).toBe(false);
    releaseAllLocks(locks, 1);
    expect(createLockService(second).getScriptLock().tryLock(0)).toBe(true);
  });

  it('has no document lock without a document (a time-driven trigger)', () => {
    const host = new FakeHost(undefined, 'FULL', 'time-trigger');
    expect(createLockService(host).getDocumentLock()).toBeNull();
  });
});

describe('PropertiesService', () => {
  it('stores strings per document, script and user, and enforces 9 KB per value and 500 KB per store', () => {
    const host = new FakeHost();
    const service = createPropertiesService(host);
    service.getDocumentProperties().setProperty('count', 5 as unknown as string);
    expect(service.getDocumentProperties().getProperty('count')).toBe('5');
    expect(service.getScriptProperties().getProperty('count')).toBeNull();
    service.getUserProperties().setProperties({ a: '1', b: '2' });
    expect(host.state.properties.user['owner@example.com']).toEqual({ a: '1', b: '2' });
    expect(() => service.getDocumentProperties().setProperty('big', 'x'.repeat(9 * 1024))).toThrow(
      /Argument too large/,
    );
    const store = service.getScriptProperties();
    for (let i = 0; i < 62; i++) store.setProperty(`k${i}`, 'x'.repeat(8 * 1024));
    expect(() => store.setProperty('one-more', 'x'.repeat(8 * 1024))).toThrow(
      /property storage quota/,
    );
  });
});

describe('CacheService', () => {
  it('expires entries on the simulated clock and enforces key and value sizes', () => {
    const host = new FakeHost();
    const cache = createCacheService(host, newCacheStore()).getScriptCache();
    cache.put('greeting', 'hello', 60);
    expect(cache.get('greeting')).toBe('hello');
    host.sleep(61_000);
    expect(cache.get('greeting')).toBeNull();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow(/too large/);
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow(/too large/);
  });

  it('keeps at most 1,000 items, dropping the oldest', () => {
    const cache = createCacheService(new FakeHost(), newCacheStore()).getScriptCache();
    for (let i = 0; i < 1001; i++) cache.put(`k${i}`, String(i));
    expect(cache.get('k0')).toBeNull();
    expect(cache.get('k1000')).toBe('1000');
  });
});

describe('ScriptApp triggers', () => {
  it('schedules a daily trigger at the next local hour, in the script time zone, across DST', () => {
    const host = new FakeHost(); // script time zone Europe/Warsaw, now 2026-03-04T10:00Z
    const trigger = createScriptApp(host)
      .newTrigger('runDailyJob')
      .timeBased()
      .atHour(7)
      .everyDays(1)
      .create();
    expect(trigger.getHandlerFunction()).toBe('runDailyJob');
    expect(host.state.triggers[0].nextRun).toBe('2026-03-05T06:00:00.000Z'); // 07:00 CET
    const summer = computeNextRun(
      host.state.triggers[0],
      new Date('2026-03-29T12:00:00Z'),
      'Europe/Warsaw',
    );
    expect(summer).toBe('2026-03-30T05:00:00.000Z'); // 07:00 CEST
  });

  it('allows one time-driven trigger per user per document, and none more often than hourly', () => {
    const host = new FakeHost();
    const app = createScriptApp(host);
    app.newTrigger('a').timeBased().everyHours(1).create();
    expect(() => app.newTrigger('b').timeBased().everyDays(1).create()).toThrow(
      /too many time-based triggers/,
    );
    expect(() => app.newTrigger('c').timeBased().everyMinutes(30)).toThrow(/once an hour/);
    const teammate = Object.assign(new FakeHost(host.state), { user: 'ana@example.com' });
    createScriptApp(teammate).newTrigger('a').timeBased().everyDays(1).create();
    expect(app.getProjectTriggers()).toHaveLength(1);
    app.deleteTrigger(app.getProjectTriggers()[0]);
    expect(host.state.triggers.map((t) => t.owner)).toEqual(['ana@example.com']);
  });
});

describe('MailApp', () => {
  it('puts messages in the outbox and counts a daily recipient quota with Google\u2019s error', () => {
    const host = new FakeHost();
    const mail = createMailApp(host);
    mail.sendEmail('ana@example.com', 'Your digest', 'Body', {
      htmlBody: '<p>Body</p>',
      cc: 'boss@example.com',
    });
    mail.sendEmail({ to: 'bob@example.com', subject: 'Hi', body: 'Text' });
    expect(host.state.outbox.map((m) => [m.to, m.subject])).toEqual([
      ['ana@example.com', 'Your digest'],
      ['bob@example.com', 'Hi'],
    ]);
    expect(mail.getRemainingDailyQuota()).toBe(DAILY_RECIPIENTS - 3);
    for (let i = 0; i < DAILY_RECIPIENTS - 3; i++) mail.sendEmail(`u${i}@example.com`, 's', 'b');
    expect(() => mail.sendEmail('late@example.com', 's', 'b')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    host.sleep(24 * 3_600_000);
    expect(mail.getRemainingDailyQuota()).toBe(DAILY_RECIPIENTS);
    expect(() => mail.sendEmail('not-an-address', 's', 'b')).toThrow(
      'Invalid email: not-an-address',
    );
  });
});

describe('HtmlService, Session, Utilities, Logger', () => {
  it('serves project HTML files and refuses a missing one', () => {
    const host = Object.assign(new FakeHost(), {
      projectFile: (name: string) => (name === 'sidebar' ? '<h1>Hi</h1>' : undefined),
    });
    const html = createHtmlService(host);
    const page = html.createHtmlOutputFromFile('sidebar').setTitle('Kartoteka').setWidth(300);
    expect([page.getContent(), page.getTitle(), page.getWidth()]).toEqual([
      '<h1>Hi</h1>',
      'Kartoteka',
      300,
    ]);
    expect(() => html.createHtmlOutputFromFile('missing')).toThrow(
      'No HTML file named missing was found.',
    );
  });

  it('hides the user\u2019s email until the add-on is authorised', () => {
    expect(createSession(new FakeHost()).getActiveUser().getEmail()).toBe('owner@example.com');
    expect(
      createSession(new FakeHost(undefined, 'LIMITED', 'simple-trigger'))
        .getActiveUser()
        .getEmail(),
    ).toBe('');
    expect(createSession(new FakeHost()).getScriptTimeZone()).toBe('Europe/Warsaw');
  });

  it('formats dates with Java patterns in any time zone', () => {
    const instant = new Date('2026-03-04T23:30:05.123Z');
    expect(formatDate(instant, 'Europe/Warsaw', 'yyyy-MM-dd HH:mm:ss')).toBe('2026-03-05 00:30:05');
    expect(formatDate(instant, 'America/New_York', "EEE, d MMM yyyy h:mm a 'at' Z")).toBe(
      'Wed, 4 Mar 2026 6:30 PM at -0500',
    );
    expect(formatDate(instant, 'UTC', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe(
      '2026-03-04T23:30:05.123Z',
    );
    expect(formatDate(instant, 'Asia/Kolkata', 'EEEE dd MMMM XXX')).toBe(
      'Thursday 05 March +05:30',
    );
  });

  it('sleeps on the simulated clock, gives UUIDs, and logs with %s', () => {
    const host = new FakeHost();
    const utilities = createUtilities(host);
    const before = host.now().getTime();
    utilities.sleep(1500);
    expect(host.now().getTime() - before).toBe(1500);
    expect(utilities.getUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const lines: string[] = [];
    createLogger(host, lines).log('%s rows in %s', 3, 'Customers');
    expect(lines).toEqual(['3 rows in Customers']);
    expect(host.count('Utilities.sleep')).toBe(1);
  });
});

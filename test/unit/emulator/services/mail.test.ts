import { describe, expect, it } from 'vitest';
import { createMailApp, MAIL_QUOTA_MESSAGE } from '../../../../src/local/emulator/services/mail';
import { FakeHost, newWorld } from '../fake-host';

describe('MailApp', () => {
  it('writes each form of sendEmail to the outbox at the simulated time', () => {
    const world = newWorld('2026-03-02T10:00:00Z');
    const mail = createMailApp(new FakeHost(world));
    mail.sendEmail('a@example.com', 'Hi', 'Body');
    mail.sendEmail('b@example.com', 'Hi', 'Body', {
      htmlBody: '<b>Body</b>',
      name: 'Kartoteka',
      cc: 'c@example.com',
    });
    mail.sendEmail({
      to: 'd@example.com',
      subject: 'Obj',
      body: 'B',
      replyTo: 'r@example.com',
      noReply: true,
    });
    expect(world.state.outbox).toEqual([
      {
        sentAt: '2026-03-02T10:00:00.000Z',
        from: 'ala@example.com',
        to: 'a@example.com',
        subject: 'Hi',
        body: 'Body',
      },
      {
        sentAt: '2026-03-02T10:00:00.000Z',
        from: 'ala@example.com',
        to: 'b@example.com',
        cc: 'c@example.com',
        subject: 'Hi',
        body: 'Body',
        htmlBody: '<b>Body</b>',
        name: 'Kartoteka',
      },
      {
        sentAt: '2026-03-02T10:00:00.000Z',
        from: 'ala@example.com',
        to: 'd@example.com',
        replyTo: 'r@example.com',
        subject: 'Obj',
        body: 'B',
        noReply: true,
      },
    ]);
  });

  it("counts 100 recipients a day per user and then throws Google's text", () => {
    const world = newWorld('2026-03-02T10:00:00Z');
    const mail = createMailApp(new FakeHost(world));
    const fifty = Array.from({ length: 50 }, (_, i) => `u${i}@example.com`).join(',');
    mail.sendEmail(fifty, 's', 'b');
    expect(mail.getRemainingDailyQuota()).toBe(50);
    mail.sendEmail(fifty, 's', 'b');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail('x@example.com', 's', 'b')).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(MAIL_QUOTA_MESSAGE).toBe('Service invoked too many times for one day: email.');
    expect(world.state.outbox).toHaveLength(2);
    // Another user has a quota of their own.
    expect(
      createMailApp(new FakeHost(world, { user: 'ola@example.com' })).getRemainingDailyQuota(),
    ).toBe(100);
  });

  it('resets the quota at midnight in the script time zone, not UTC', () => {
    const world = newWorld('2026-03-02T22:30:00Z'); // 23:30 in Warsaw
    const mail = createMailApp(new FakeHost(world));
    mail.sendEmail('a@example.com', 's', 'b');
    expect(mail.getRemainingDailyQuota()).toBe(99);
    world.clock.ms += 40 * 60_000; // 23:10Z = 00:10 next day in Warsaw
    expect(mail.getRemainingDailyQuota()).toBe(100);
  });

  it('rejects invalid addresses, more than 50 recipients, and oversized bodies', () => {
    const world = newWorld();
    const mail = createMailApp(new FakeHost(world));
    expect(() => mail.sendEmail('not-an-address', 's', 'b')).toThrow(
      'Invalid email: not-an-address',
    );
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@example.com`).join(',');
    expect(() => mail.sendEmail(many, 's', 'b')).toThrow(
      'Limit Exceeded: Email Recipients Per Message.',
    );
    expect(() => mail.sendEmail('a@example.com', 's', 'x'.repeat(200 * 1024 + 1))).toThrow(
      'Limit Exceeded: Email Body Size.',
    );
    expect(world.state.outbox).toEqual([]);
    expect(mail.getRemainingDailyQuota()).toBe(100);
  });
});

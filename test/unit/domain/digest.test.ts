import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  composeDigests,
  DIGEST_BODY_BUDGET,
  parseReminderAction,
  reminderActionLink,
  utf8Length,
  type DigestOptions,
} from '../../../src/domain/digest.ts';
import { dueReminders, type Reminder } from '../../../src/domain/reminders.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../../../src/domain/reminder-settings.ts';
import { LIFECYCLE_STAGES } from '../../../src/domain/schema.ts';
import { ROOT } from '../../../scripts/build.ts';

const TODAY = '2026-11-23';
const SHEET = 'https://docs.google.com/spreadsheets/d/abc123/edit';
const INJECTION = '<img src=x onerror=alert(1)>';
const GIDS = { customers: 11, contacts: 22, deals: 33 };

/** Rows as the server would find them; a record it cannot find has no link. */
const ROWS = new Map([
  ['c1', 2],
  ['c2', 3],
  ['c3', 4],
  ['p1', 2],
  ['d1', 2],
]);

const options: DigestOptions = {
  today: TODAY,
  timeZone: 'Europe/Warsaw',
  spreadsheetUrl: SHEET,
  rowLink: (entity, id) => {
    const row = ROWS.get(id);
    return row ? `${SHEET}#gid=${GIDS[entity]}&range=A${row}` : null;
  },
};

/** A small workbook with one of most rules due for Ana and one greeting for Bob. */
function workbookReminders(): Reminder[] {
  const { reminders } = dueReminders({
    today: TODAY,
    lastRun: '2026-11-22',
    settings: {
      ...DEFAULT_REMINDER_SETTINGS,
      birthdayLeadDays: 3,
      totalThreshold: 10000,
      cadence: {
        ...(Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, null])) as Record<
          (typeof LIFECYCLE_STAGES)[number],
          null
        >),
        returning: { idealDays: 30, maxDays: 90 },
      },
      seasonalGreetings: [{ monthDay: '11-23', label: 'Name day' }],
    },
    customers: [
      {
        id: 'c1',
        name: 'Anna Nowak',
        owner: 'ana@firm.pl',
        callWindow: '10:00–14:00',
        preferredChannel: 'WhatsApp',
        followUp: '2026-11-20',
        lifecycle: 'returning',
        created: '2026-01-01T09:00:00.000Z',
      },
      {
        id: 'c2',
        name: INJECTION,
        owner: 'ana@firm.pl',
        birthday: '1990-11-23',
        preferredChannel: 'phone',
        lifecycle: 'slipping',
        stageSince: TODAY,
        stageReason: 'Slipping: no purchase for 120 days, usual gap 30 (rhythm rule)',
      },
      { id: 'c3', name: 'Bea Kowalska & Co "Ltd"', owner: 'bob@firm.pl', consent: true },
      { id: 'c4', name: 'Cezary', owner: 'ana@firm.pl', followUp: TODAY },
    ],
    contacts: [{ id: 'p1', customerId: 'c1', name: 'Piotr', birthday: '1975-11-25' }],
    deals: [
      {
        id: 'd1',
        customerId: 'c1',
        title: 'Kitchen',
        stage: 'negotiation',
        amount: 12000,
        currency: 'PLN',
        expectedClose: '2026-11-26',
        nextStep: 'Send the <b>final</b> quote',
        nextStepDate: '2026-11-21',
      },
      {
        id: 'd2',
        customerId: 'c4',
        title: 'Old',
        stage: 'won',
        closedDate: '2026-05-01',
        amount: 6000,
      },
      { id: 'd3', customerId: 'c4', title: 'New', stage: 'won', closedDate: TODAY, amount: 4500 },
    ],
    activities: [
      {
        id: 'a1',
        customerId: 'c1',
        type: 'call',
        date: '2026-08-01',
        summary: 'Discussed the kitchen',
      },
    ],
    services: [],
    baseCurrency: 'PLN',
    rates: new Map(),
  });
  return reminders;
}

/** Ana's overdue follow-up with Anna Nowak: the base for hand-made variants. */
function followUpReminder(): Reminder {
  const found = workbookReminders().find((r) => r.key === 'follow-up:c1:2026-11-20');
  if (!found) throw new Error('the workbook lacks the follow-up');
  return found;
}

const FIXTURES = join(ROOT, 'test', 'fixtures');

/** Compares with the stored file; UPDATE_GOLDEN=1 rewrites it (then review the diff). */
function expectGolden(name: string, actual: string) {
  const path = join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('daily digest', () => {
  const digests = composeDigests(workbookReminders(), options);

  it('writes one digest per recipient, sorted, with a subject that counts by rule', () => {
    expect(digests.map((d) => [d.recipient, d.subject])).toEqual([
      [
        'ana@firm.pl',
        'Kartoteka: 2 follow-ups (1 overdue), 1 overdue deal step, 1 deal to close, 1 birthday today, 1 birthday coming up, 1 customer slipping, 1 customer to contact, 1 spending milestone',
      ],
      ['bob@firm.pl', 'Kartoteka: 1 greeting'],
    ]);
    expect(digests[0].keys).toEqual([
      'cadence:c1:2026-09-01',
      'follow-up:c1:2026-11-20',
      'deal-next-step:d1:2026-11-21',
      'follow-up:c4:2026-11-23',
      'birthday:c2:2026-11-23',
      'slipping:c2:2026-11-23',
      'total-crossed:c4:2026-11-23',
      'birthday:p1:2026-11-25',
      'deal-close:d1:2026-11-26',
    ]);
  });

  it('matches the golden HTML and text of a full digest', () => {
    expectGolden('digest-ana.html.golden', digests[0].html);
    expectGolden('digest-ana.txt.golden', digests[0].text);
  });

  it('matches the golden HTML and text of a one-item digest', () => {
    expectGolden('digest-bob.html.golden', digests[1].html);
    expectGolden('digest-bob.txt.golden', digests[1].text);
  });

  it('escapes every value from the sheet in the HTML', () => {
    const { html, text } = digests[0];
    expect(html).not.toContain(INJECTION);
    expect(html).not.toContain('<b>final</b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Send the &lt;b&gt;final&lt;/b&gt; quote');
    expect(digests[1].html).toContain('Bea Kowalska &amp; Co &quot;Ltd&quot;');
    // The text alternative is not HTML: it carries the name as typed.
    expect(text).toContain(`Birthday: ${INJECTION} turns 36`);
    expect(html.match(/<img/g)).toBeNull();
  });

  it('links only web addresses and keeps sheet text on one line', () => {
    const [digest] = composeDigests(
      [{ ...followUpReminder(), title: 'Follow up\nwith\u0000 Anna' }],
      { ...options, spreadsheetUrl: 'javascript:alert(1)', rowLink: () => 'javascript:alert(1)' },
    );
    expect(digest.html).not.toContain('javascript:');
    expect(digest.text).not.toContain('javascript:');
    expect(digest.html).toContain('<strong>Follow up with Anna</strong>');
    expect(digest.text).toContain('* Follow up with Anna — 3 days overdue (due 2026-11-20)');
  });

  it('sends nothing to a recipient with nothing due, nor to nobody', () => {
    expect(composeDigests([], options)).toEqual([]);
    const unassigned = { ...followUpReminder(), recipient: '' };
    expect(composeDigests([unassigned], options)).toEqual([]);
  });

  it('pluralises and qualifies the subject', () => {
    const base = followUpReminder();
    const followUp = (id: string, due: string): Reminder => ({
      ...base,
      key: `follow-up:${id}:${due}`,
      recordId: id,
      due,
      overdue: due < TODAY,
      severity: due < TODAY ? 'overdue' : 'due',
    });
    const subject = (items: Reminder[]) => composeDigests(items, options)[0].subject;
    expect(subject([followUp('x', '2026-11-20')])).toBe('Kartoteka: 1 overdue follow-up');
    expect(subject([followUp('x', '2026-11-20'), followUp('y', '2026-11-21')])).toBe(
      'Kartoteka: 2 overdue follow-ups',
    );
    expect(subject([followUp('x', '2026-11-20'), followUp('y', TODAY), followUp('z', TODAY)])).toBe(
      'Kartoteka: 3 follow-ups (1 overdue)',
    );
    const birthday = {
      ...base,
      rule: 'birthday' as const,
      key: 'birthday:b:2026-11-23',
      due: TODAY,
    };
    expect(
      subject([followUp('y', TODAY), followUp('z', TODAY), followUp('w', TODAY), birthday]),
    ).toBe('Kartoteka: 3 follow-ups, 1 birthday today');
  });

  it('truncates a very long digest well under the mail limit and says how many more', () => {
    const base = followUpReminder();
    const many: Reminder[] = Array.from({ length: 3000 }, (_, i) => ({
      ...base,
      key: `follow-up:c${i}:2026-11-20`,
      recordId: `c${i}`,
      customerName: `Customer ${i} ${'ż'.repeat(150)}`,
      title: `Follow up with Customer ${i} ${'ż'.repeat(150)}`,
      note: 'x'.repeat(400),
    }));
    const [digest] = composeDigests(many, options);
    const bytes = utf8Length(digest.html) + utf8Length(digest.text);
    expect(bytes).toBeLessThanOrEqual(DIGEST_BODY_BUDGET);
    expect(bytes).toBeGreaterThan(DIGEST_BODY_BUDGET / 2);
    const listed = digest.keys.length;
    expect(listed).toBeGreaterThan(10);
    expect(listed).toBeLessThan(3000);
    expect(digest.html).toContain(`…and ${3000 - listed} more in the <a href="${SHEET}"`);
    expect(digest.text).toContain(`…and ${3000 - listed} more in the sheet: ${SHEET}`);
    expect(digest.html).toContain('Overdue (3000)');
    expect(digest.subject).toBe('Kartoteka: 3000 overdue follow-ups');
    expect(digest.html.match(/<li /g)).toHaveLength(listed);
  });

  it('caps the number of items even when they are short', () => {
    const base = followUpReminder();
    const short = Array.from({ length: 500 }, (_, i) => ({
      ...base,
      key: `k${String(i).padStart(3, '0')}`,
      title: 'x',
      detail: '',
      note: undefined,
    }));
    // No links at all: the smallest items there are.
    const [digest] = composeDigests(short, {
      ...options,
      spreadsheetUrl: '',
      rowLink: () => null,
    });
    expect(digest.keys).toHaveLength(200);
    expect(digest.text).toContain('…and 300 more in the sheet');
  });
});

describe('action links', () => {
  it('puts the action and key after the row in the fragment, and reads them back', () => {
    const row = `${SHEET}#gid=11&range=A2`;
    const link = reminderActionLink(row, 'snooze-1d', 'follow-up:c1:2026-11-20');
    expect(link).toBe(`${row}&kartoteka=snooze-1d&reminder=follow-up%3Ac1%3A2026-11-20`);
    expect(parseReminderAction(link)).toEqual({
      action: 'snooze-1d',
      key: 'follow-up:c1:2026-11-20',
    });
    expect(reminderActionLink(SHEET, 'done', 'k')).toBe(`${SHEET}#kartoteka=done&reminder=k`);
  });

  it('reads the same parameters from a query string, and refuses anything else', () => {
    expect(
      parseReminderAction(
        'https://script.google.com/macros/s/X/exec?kartoteka=done&reminder=a%3Ab',
      ),
    ).toEqual({
      action: 'done',
      key: 'a:b',
    });
    expect(parseReminderAction(`${SHEET}#gid=1&range=A2`)).toBeNull();
    expect(parseReminderAction(`${SHEET}#kartoteka=delete&reminder=k`)).toBeNull();
    expect(parseReminderAction(`${SHEET}#kartoteka=done&reminder=%E0%A4%A`)).toBeNull();
  });
});

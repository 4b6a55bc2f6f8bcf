import { describe, expect, it } from 'vitest';
import {
  dueReminders,
  type CadenceOverride,
  type ReminderInput,
} from '../../../src/domain/reminders.ts';
import {
  DEFAULT_REMINDER_SETTINGS,
  type ReminderSettings,
} from '../../../src/domain/reminder-settings.ts';
import { LIFECYCLE_STAGES, type RecordOf } from '../../../src/domain/schema.ts';

type Customer = RecordOf<'customers'>;
type Activity = RecordOf<'activities'>;
type Deal = RecordOf<'deals'>;

const TODAY = '2026-11-23';
const NO_CADENCE = Object.fromEntries(
  LIFECYCLE_STAGES.map((s) => [s, null]),
) as ReminderSettings['cadence']; // every stage, off

type Scenario = Partial<Omit<ReminderInput, 'settings'>> & { settings?: Partial<ReminderSettings> };

/** Cadence off unless a test turns it on, so each test sees only the rule it is about. */
function run(partial: Scenario) {
  return dueReminders({
    today: TODAY,
    lastRun: '2026-11-22',
    customers: [],
    contacts: [],
    deals: [],
    activities: [],
    services: [],
    baseCurrency: 'PLN',
    rates: new Map(),
    ...partial,
    settings: { ...DEFAULT_REMINDER_SETTINGS, cadence: NO_CADENCE, ...partial.settings },
  });
}

const keys = (partial: Scenario) => run(partial).reminders.map((r) => r.key);

const anna: Customer = {
  id: 'c1',
  name: 'Anna Nowak',
  owner: 'ana@firm.pl',
  callWindow: '10:00–14:00',
  preferredChannel: 'WhatsApp',
  created: '2026-01-05T09:00:00.000Z',
};

let activityCount = 0;
function activity(date: string, fields: Partial<Activity> = {}): Activity {
  activityCount += 1;
  return {
    id: `a${activityCount}`,
    customerId: 'c1',
    type: 'call',
    date,
    summary: 'Talked',
    created: `${date}T12:00:00.000Z`,
    ...fields,
  };
}

function deal(fields: Partial<Deal>): Deal {
  return { id: 'd1', customerId: 'c1', title: 'Kitchen', stage: 'proposal', ...fields };
}

describe('follow-ups', () => {
  it("reminds the owner on a customer's follow-up date, with the call window and channel", () => {
    const { reminders, unassigned } = run({ customers: [{ ...anna, followUp: TODAY }] });
    expect(unassigned).toEqual([]);
    expect(reminders).toEqual([
      {
        key: 'follow-up:c1:2026-11-23',
        rule: 'follow-up',
        recipient: 'ana@firm.pl',
        customerId: 'c1',
        customerName: 'Anna Nowak',
        entity: 'customers',
        recordId: 'c1',
        due: TODAY,
        overdue: false,
        severity: 'due',
        title: 'Follow up with Anna Nowak',
        detail: 'call between 10:00 and 14:00, prefers WhatsApp',
      },
    ]);
  });

  it('keeps an overdue follow-up coming every day under the same key, and none before its day', () => {
    const customers = [{ ...anna, followUp: '2026-11-20' }];
    const today = run({ customers }).reminders;
    const nextDay = run({ customers, today: '2026-11-24', lastRun: TODAY }).reminders;
    expect(today.map((r) => [r.key, r.overdue, r.severity])).toEqual([
      ['follow-up:c1:2026-11-20', true, 'overdue'],
    ]);
    expect(nextDay.map((r) => [r.key, r.overdue])).toEqual([['follow-up:c1:2026-11-20', true]]);
    expect(keys({ customers: [{ ...anna, followUp: '2026-11-24' }] })).toEqual([]);
  });

  it('moving the date makes a new key', () => {
    expect(keys({ customers: [{ ...anna, followUp: '2026-11-21' }] })).toEqual([
      'follow-up:c1:2026-11-21',
    ]);
  });

  it("is done once a contact is logged on or after the date, not by the system's own entries", () => {
    const customers = [{ ...anna, followUp: '2026-11-20' }];
    expect(keys({ customers, activities: [activity('2026-11-20')] })).toEqual([]);
    expect(keys({ customers, activities: [activity('2026-11-19')] })).toHaveLength(1);
    const system = [
      activity('2026-11-21', { type: 'reminder sent' }),
      activity('2026-11-22', { type: 'stage change', summary: 'Stage: new → one-time' }),
    ];
    expect(keys({ customers, activities: system })).toHaveLength(1);
    const archived = activity('2026-11-21', { archived: true });
    expect(keys({ customers, activities: [archived] })).toHaveLength(1);
  });

  it("uses the latest activity's next follow-up: a later one moves it", () => {
    const first = activity('2026-11-01', { nextFollowUp: '2026-11-20', summary: 'Sent the offer' });
    const moved = activity('2026-11-10', { nextFollowUp: '2026-11-30' });
    expect(keys({ customers: [anna], activities: [first] })).toEqual(['follow-up:c1:2026-11-20']);
    expect(keys({ customers: [anna], activities: [first, moved] })).toEqual([]);
    const note = activity('2026-11-15', { type: 'note' });
    const [reminder] = run({ customers: [anna], activities: [first, note] }).reminders;
    expect(reminder).toMatchObject({
      key: 'follow-up:c1:2026-11-20',
      activityId: first.id,
      overdue: true,
      note: 'Asked for after the call on 2026-11-01: Sent the offer',
    });
  });

  it('merges the same follow-up date from the customer row and an activity into one', () => {
    const asked = activity('2026-11-01', { nextFollowUp: TODAY });
    expect(keys({ customers: [{ ...anna, followUp: TODAY }], activities: [asked] })).toEqual([
      'follow-up:c1:2026-11-23',
    ]);
  });
});

describe('deals', () => {
  it("reminds the deal's owner of its next step, else the customer's owner", () => {
    const { reminders } = run({
      customers: [anna],
      deals: [
        deal({ nextStepDate: TODAY, nextStep: 'Send quote', owner: 'bob@firm.pl' }),
        deal({ id: 'd2', title: 'Bath', nextStepDate: '2026-11-22' }),
      ],
    });
    expect(
      reminders.map((r) => [r.key, r.recipient, r.entity, r.recordId, r.title, r.overdue]),
    ).toEqual([
      [
        'deal-next-step:d2:2026-11-22',
        'ana@firm.pl',
        'deals',
        'd2',
        'Next step for Bath (Anna Nowak)',
        true,
      ],
      [
        'deal-next-step:d1:2026-11-23',
        'bob@firm.pl',
        'deals',
        'd1',
        'Next step for Kitchen (Anna Nowak): Send quote',
        false,
      ],
    ]);
  });

  it('skips won, lost and archived deals and counts only contacts about this deal', () => {
    const deals = [
      deal({ id: 'won', stage: 'won', nextStepDate: TODAY, expectedClose: TODAY }),
      deal({ id: 'lost', stage: 'lost', nextStepDate: TODAY, expectedClose: TODAY }),
      deal({ id: 'gone', archived: true, nextStepDate: TODAY, expectedClose: TODAY }),
    ];
    expect(keys({ customers: [anna], deals })).toEqual([]);
    const open = [deal({ nextStepDate: '2026-11-20' })];
    const otherDeal = activity('2026-11-21', { dealId: 'd9' });
    const thisDeal = activity('2026-11-21', { dealId: 'd1' });
    const noDeal = activity('2026-11-21');
    expect(keys({ customers: [anna], deals: open, activities: [otherDeal] })).toHaveLength(1);
    expect(keys({ customers: [anna], deals: open, activities: [thisDeal] })).toEqual([]);
    expect(keys({ customers: [anna], deals: open, activities: [noDeal] })).toEqual([]);
  });

  it('announces the expected close exactly closeLeadDays ahead and keeps it while open', () => {
    const settings = { closeLeadDays: 3 };
    const at = (expectedClose: string) =>
      run({ customers: [anna], settings, deals: [deal({ expectedClose, amount: 12000 })] })
        .reminders;
    expect(at('2026-11-27')).toEqual([]);
    const [ahead] = at('2026-11-26');
    expect(ahead).toMatchObject({
      key: 'deal-close:d1:2026-11-26',
      overdue: false,
      severity: 'due',
      title: 'Expected close: Kitchen (Anna Nowak)',
      note: 'Still open at stage proposal, 12,000 PLN',
    });
    expect(at(TODAY)[0]).toMatchObject({ overdue: false, severity: 'due' });
    expect(at('2026-10-01')[0]).toMatchObject({ overdue: true, severity: 'overdue' });
    const onTheDay = run({
      customers: [anna],
      settings: { closeLeadDays: 0 },
      deals: [deal({ expectedClose: '2026-11-24' })],
    });
    expect(onTheDay.reminders).toEqual([]);
  });

  it('takes the call window of the deal’s contact when it has one', () => {
    const { reminders } = run({
      customers: [anna],
      contacts: [{ id: 'p1', customerId: 'c1', name: 'Piotr', callWindow: '08:00–09:30' }],
      deals: [deal({ contactId: 'p1', nextStepDate: TODAY })],
    });
    expect(reminders[0].detail).toBe('call between 08:00 and 09:30');
  });
});

describe('birthdays', () => {
  const withBirthday = (birthday: string) => [{ ...anna, birthday }];

  it('comes birthdayLeadDays ahead, not a day earlier, and on the day', () => {
    const settings = { birthdayLeadDays: 3 };
    expect(keys({ settings, customers: withBirthday('1980-11-27') })).toEqual([]);
    const { reminders } = run({ settings, customers: withBirthday('1980-11-26') });
    expect(reminders).toMatchObject([
      {
        key: 'birthday:c1:2026-11-26',
        due: '2026-11-26',
        overdue: false,
        title: 'Birthday: Anna Nowak turns 46',
        suggestion: 'call, congratulate, or send a gift',
        detail: 'call between 10:00 and 14:00, prefers WhatsApp',
      },
    ]);
    expect(
      keys({ settings: { birthdayLeadDays: 0 }, customers: withBirthday('1980-11-24') }),
    ).toEqual([]);
    expect(
      keys({ settings: { birthdayLeadDays: 0 }, customers: withBirthday('1980-11-23') }),
    ).toEqual(['birthday:c1:2026-11-23']);
  });

  it('puts 29 February on 28 February in common years and on 29 February in leap years', () => {
    const settings = { birthdayLeadDays: 0 };
    const customers = withBirthday('2000-02-29');
    const on = (today: string) =>
      run({ settings, customers, today, lastRun: null }).reminders.map((r) => r.key);
    expect(on('2027-02-28')).toEqual(['birthday:c1:2027-02-28']);
    expect(on('2027-03-01')).toEqual([]);
    expect(on('2028-02-28')).toEqual([]);
    expect(on('2028-02-29')).toEqual(['birthday:c1:2028-02-29']);
  });

  it("reminds the customer's owner of a contact's birthday, with the contact's own details", () => {
    const { reminders } = run({
      settings: { birthdayLeadDays: 0, birthdaySuggestion: '' },
      customers: [{ ...anna, name: 'Acme' }],
      contacts: [
        {
          id: 'p1',
          customerId: 'c1',
          name: 'Piotr',
          birthday: '1975-11-23',
          preferredChannel: 'phone',
        },
      ],
    });
    expect(reminders).toEqual([
      expect.objectContaining({
        key: 'birthday:p1:2026-11-23',
        entity: 'contacts',
        recordId: 'p1',
        customerId: 'c1',
        customerName: 'Acme',
        recipient: 'ana@firm.pl',
        title: 'Birthday: Piotr (Acme) turns 51',
        detail: 'prefers phone',
      }),
    ]);
    expect(reminders[0].suggestion).toBeUndefined();
  });

  it('sends a birthday missed while the job did not run up to birthdayMaxLateDays late', () => {
    const customers = withBirthday('1980-11-20');
    const settings = { birthdayLeadDays: 0, birthdayMaxLateDays: 3 };
    const missed = run({ settings, customers, lastRun: '2026-11-19' }).reminders;
    expect(missed).toMatchObject([
      {
        key: 'birthday:c1:2026-11-20',
        overdue: true,
        severity: 'overdue',
        title: 'Birthday: Anna Nowak turned 46',
      },
    ]);
    // Four days late is past the window.
    const tooLate = { settings, customers, lastRun: '2026-11-19', today: '2026-11-24' };
    expect(keys(tooLate)).toEqual([]);
    // The job ran on the day: it was sent then.
    expect(keys({ settings, customers, lastRun: '2026-11-20' })).toEqual([]);
    // The first run does not replay the past.
    expect(keys({ settings, customers, lastRun: null })).toEqual([]);
    expect(
      keys({ settings: { ...settings, birthdayMaxLateDays: 0 }, customers, lastRun: '2026-11-01' }),
    ).toEqual([]);
  });
});

describe('archived records', () => {
  it('give no reminders, and nor does anything of an archived customer', () => {
    const gone: Customer = {
      ...anna,
      archived: true,
      followUp: TODAY,
      birthday: '1980-11-23',
      consent: true,
    };
    expect(
      keys({
        settings: { birthdayLeadDays: 0, seasonalGreetings: [{ monthDay: '11-23', label: 'X' }] },
        customers: [gone],
        contacts: [{ id: 'p1', customerId: 'c1', name: 'Piotr', birthday: '1975-11-23' }],
        deals: [deal({ nextStepDate: TODAY, expectedClose: TODAY })],
        activities: [activity('2026-11-01', { nextFollowUp: TODAY })],
      }),
    ).toEqual([]);
    expect(
      keys({
        settings: { birthdayLeadDays: 0 },
        customers: [anna],
        contacts: [
          { id: 'p1', customerId: 'c1', name: 'Piotr', birthday: '1975-11-23', archived: true },
        ],
        activities: [activity('2026-11-01', { nextFollowUp: TODAY, archived: true })],
      }),
    ).toEqual([]);
  });
});

describe('cadence', () => {
  const settings = {
    cadence: { ...NO_CADENCE, returning: { idealDays: 30, maxDays: 90 } },
  };
  const returning = { ...anna, lifecycle: 'returning' };
  const lastContactDaysAgo = (days: number, today = TODAY) => {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000);
    return activity(date.toISOString().slice(0, 10));
  };
  const cadenceOf = (activities: Activity[], customer: Customer = returning, today = TODAY) =>
    run({ settings, customers: [customer], activities, today }).reminders.map((r) => [
      r.key,
      r.severity,
      r.overdue,
    ]);

  it('turns yellow past the ideal gap and red past the maximum, once per customer', () => {
    expect(cadenceOf([lastContactDaysAgo(30)])).toEqual([]);
    expect(cadenceOf([lastContactDaysAgo(31)])).toEqual([
      ['cadence:c1:2026-11-23', 'yellow', false],
    ]);
    expect(cadenceOf([lastContactDaysAgo(90)])).toEqual([
      ['cadence:c1:2026-09-25', 'yellow', true],
    ]);
    expect(cadenceOf([lastContactDaysAgo(91)])).toEqual([['cadence:c1:2026-09-24', 'red', true]]);
    expect(cadenceOf([lastContactDaysAgo(120), lastContactDaysAgo(100)])).toHaveLength(1);
  });

  it('keeps its key from day to day until a contact resets the clock', () => {
    const old = lastContactDaysAgo(40);
    expect(cadenceOf([old])).toEqual(cadenceOf([old], returning, '2026-11-24'));
    expect(cadenceOf([old, lastContactDaysAgo(2)])).toEqual([]);
    const systemOnly = [
      old,
      activity('2026-11-22', { type: 'reminder sent' }),
      activity('2026-11-22', { type: 'stage change', summary: 'Stage: new → returning' }),
    ];
    expect(cadenceOf(systemOnly)).toEqual([['cadence:c1:2026-11-14', 'yellow', true]]);
  });

  it('counts from the day the customer was added when nothing was logged, and says why', () => {
    const { reminders } = run({
      settings,
      customers: [{ ...returning, created: '2026-10-01T08:00:00.000Z' }],
    });
    expect(reminders).toMatchObject([
      {
        key: 'cadence:c1:2026-11-01',
        severity: 'yellow',
        title: 'No contact with Anna Nowak for 53 days',
        note: 'Added 2026-10-01, no contact logged (returning default: every 30 days, at most 90)',
      },
    ]);
  });

  it("follows the customer's own cadence over the stage's, and none for a stage turned off", () => {
    const own: Customer & CadenceOverride = {
      ...returning,
      cadenceIdealDays: 7,
      cadenceMaxDays: 14,
    };
    expect(cadenceOf([lastContactDaysAgo(10)], own)).toEqual([
      ['cadence:c1:2026-11-21', 'yellow', true],
    ]);
    expect(cadenceOf([lastContactDaysAgo(15)], own)[0][1]).toBe('red');
    expect(cadenceOf([lastContactDaysAgo(200)], { ...anna, lifecycle: 'lead' })).toEqual([]);
    expect(cadenceOf([lastContactDaysAgo(200)], { ...anna, lifecycle: null })).toEqual([]);
  });
});

describe('recipients', () => {
  it('returns reminders nobody owns apart, or sends them to the default recipient', () => {
    const orphan = { ...anna, owner: null, followUp: TODAY };
    const alone = run({ customers: [orphan] });
    expect(alone.reminders).toEqual([]);
    expect(alone.unassigned.map((r) => [r.key, r.recipient])).toEqual([
      ['follow-up:c1:2026-11-23', ''],
    ]);
    const covered = run({ customers: [orphan], settings: { defaultRecipient: 'boss@firm.pl' } });
    expect(covered.unassigned).toEqual([]);
    expect(covered.reminders.map((r) => r.recipient)).toEqual(['boss@firm.pl']);
  });

  it('sorts by recipient, then date', () => {
    const { reminders } = run({
      customers: [
        { ...anna, followUp: TODAY },
        { id: 'c2', name: 'Zenon', owner: 'ana@firm.pl', followUp: '2026-11-01' },
        { id: 'c3', name: 'Bea', owner: 'aaron@firm.pl', followUp: TODAY },
      ],
    });
    expect(reminders.map((r) => r.key)).toEqual([
      'follow-up:c3:2026-11-23',
      'follow-up:c2:2026-11-01',
      'follow-up:c1:2026-11-23',
    ]);
  });
});

describe('since the last run', () => {
  it('reports a change to slipping logged after the last run, once', () => {
    const slipped = activity(TODAY, {
      type: 'stage change',
      summary: 'Stage: returning → slipping',
      outcome: 'Slipping: no purchase for 94 days',
    });
    const customer = { ...anna, lifecycle: 'slipping', stageReason: 'Slipping: 94 days' };
    expect(run({ customers: [customer], activities: [slipped] }).reminders).toMatchObject([
      {
        key: 'slipping:c1:2026-11-23',
        title: 'Anna Nowak started slipping',
        note: 'Slipping: 94 days',
      },
    ]);
    expect(keys({ customers: [customer], activities: [slipped], lastRun: TODAY })).toEqual([]);
    const recovered = { ...customer, lifecycle: 'returning' };
    expect(keys({ customers: [recovered], activities: [slipped] })).toEqual([]);
    const other = activity(TODAY, { type: 'stage change', summary: 'Stage: slipping → returning' });
    expect(keys({ customers: [recovered], activities: [other] })).toEqual([]);
  });

  it('also sees slipping from the stage-since date, and days the job missed', () => {
    const customer = { ...anna, lifecycle: 'slipping', stageSince: '2026-11-20' };
    expect(keys({ customers: [customer], lastRun: '2026-11-19' })).toEqual([
      'slipping:c1:2026-11-20',
    ]);
    expect(keys({ customers: [customer], lastRun: '2026-11-20' })).toEqual([]);
  });

  const purchase = (id: string, closedDate: string, amount: number, currency = 'PLN'): Deal =>
    deal({ id, stage: 'won', closedDate, amount, currency });

  it('nudges a one-time buyer on the day they reach oneTimeNudgeDays, or when crossed since', () => {
    const settings = { oneTimeNudgeDays: 60 };
    // 2026-09-24 + 60 days = 2026-11-23.
    const once = [purchase('d1', '2026-09-24', 500)];
    const { reminders } = run({ settings, customers: [anna], deals: once });
    expect(reminders).toMatchObject([
      {
        key: 'one-time-nudge:c1:2026-11-23',
        title: 'Anna Nowak: 60 days since their only purchase',
        note: 'One purchase, on 2026-09-24 (500 PLN); no second one yet',
      },
    ]);
    const missedRun = { settings, customers: [anna], lastRun: '2026-11-20' };
    expect(keys({ ...missedRun, deals: [purchase('d1', '2026-09-23', 500)] })).toEqual([
      'one-time-nudge:c1:2026-11-22',
    ]);
    expect(
      keys({ settings, customers: [anna], deals: [purchase('d1', '2026-09-23', 500)] }),
    ).toEqual([]);
    const twice = [...once, purchase('d2', '2026-10-01', 100)];
    expect(keys({ settings, customers: [anna], deals: twice })).toEqual([]);
  });

  it('reports a total that crossed totalThreshold since the last run, on the crossing day', () => {
    const settings = { totalThreshold: 10000 };
    const before = [purchase('d1', '2026-03-01', 6000), purchase('d2', '2026-06-01', 3000)];
    const crossed = [...before, purchase('d3', TODAY, 1000)];
    expect(run({ settings, customers: [anna], deals: crossed }).reminders).toMatchObject([
      {
        key: 'total-crossed:c1:2026-11-23',
        title: 'Anna Nowak has spent over 10,000 PLN',
        note: 'Total spent 10,000 PLN (9,000 PLN on 2026-11-22)',
      },
    ]);
    expect(keys({ settings, customers: [anna], deals: before })).toEqual([]);
    const over = [...crossed, purchase('d4', '2026-11-24', 10)];
    expect(
      keys({ settings, customers: [anna], deals: over, today: '2026-11-24', lastRun: TODAY }),
    ).toEqual([]);
    expect(keys({ settings: { totalThreshold: null }, customers: [anna], deals: crossed })).toEqual(
      [],
    );
  });

  it('converts other currencies with the rates and finds the crossing day after missed runs', () => {
    const deals = [
      purchase('d1', '2026-11-01', 5000),
      purchase('d2', '2026-11-20', 1000, 'EUR'),
      purchase('d3', '2026-11-21', 10),
    ];
    const rates = new Map([['EUR', 4.3]]);
    const common = { settings: { totalThreshold: 9000 }, customers: [anna], deals, rates };
    expect(keys({ ...common, lastRun: '2026-11-15' })).toEqual(['total-crossed:c1:2026-11-20']);
    expect(keys({ ...common, rates: new Map(), lastRun: '2026-11-15' })).toEqual([]);
  });
});

describe('seasonal greetings', () => {
  it('reminds each owner to greet their customers who agreed to be contacted', () => {
    const settings = { seasonalGreetings: [{ monthDay: '01-01', label: 'New Year' }] };
    const customers: Customer[] = [
      { ...anna, consent: true },
      { id: 'c2', name: 'Bea', owner: 'bob@firm.pl', consent: true },
      { id: 'c3', name: 'Cezary', owner: 'bob@firm.pl', consent: false },
    ];
    const { reminders } = run({ settings, customers, today: '2027-01-01', lastRun: null });
    expect(reminders.map((r) => [r.key, r.recipient, r.title])).toEqual([
      ['seasonal:c1:2027-01-01', 'ana@firm.pl', 'New Year: greet Anna Nowak'],
      ['seasonal:c2:2027-01-01', 'bob@firm.pl', 'New Year: greet Bea'],
    ]);
    expect(keys({ settings, customers, today: '2027-01-02' })).toEqual([]);
    const leap = { seasonalGreetings: [{ monthDay: '02-29', label: 'Leap day' }] };
    expect(keys({ settings: leap, customers, today: '2027-02-28' })).toHaveLength(2);
  });
});

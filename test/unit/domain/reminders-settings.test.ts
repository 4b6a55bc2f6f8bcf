import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_SETTINGS,
  reminderSettings,
} from '../../../src/domain/reminder-settings.ts';
import { LIFECYCLE_STAGES, SETTINGS_DEFAULTS } from '../../../src/domain/schema.ts';

describe('reminder settings from the Settings tab', () => {
  it('takes its defaults from the Settings tab defaults, with a cadence for every stage', () => {
    const values = Object.fromEntries(SETTINGS_DEFAULTS.map((s) => [s.key, s.value]));
    expect(reminderSettings(values)).toEqual({ settings: DEFAULT_REMINDER_SETTINGS, problems: [] });
    expect(DEFAULT_REMINDER_SETTINGS).toMatchObject({
      birthdayLeadDays: 3,
      birthdaySuggestion: 'call, congratulate, or send a gift',
      birthdayMaxLateDays: 3,
      closeLeadDays: 3,
      oneTimeNudgeDays: 60,
      totalThreshold: null,
      seasonalGreetings: [],
      defaultRecipient: null,
    });
    expect(Object.keys(DEFAULT_REMINDER_SETTINGS.cadence).sort()).toEqual(
      [...LIFECYCLE_STAGES].sort(),
    );
    expect(DEFAULT_REMINDER_SETTINGS.cadence.returning).toEqual({ idealDays: 30, maxDays: 90 });
    expect(reminderSettings({})).toEqual({ settings: DEFAULT_REMINDER_SETTINGS, problems: [] });
  });

  it('reads good values as typed', () => {
    const { settings, problems } = reminderSettings({
      birthdayLeadDays: '0',
      birthdaySuggestion: ' send flowers ',
      birthdayMaxLateDays: '30',
      closeLeadDays: '7',
      oneTimeNudgeDays: '45',
      totalThreshold: '10 000',
      cadence: 'Returning = 20/40; lead=off',
      seasonalGreetings: '01-01 New Year; 02-29 Leap day\n12-24 Christmas Eve',
      defaultRecipient: 'Boss@Firm.PL',
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      birthdayLeadDays: 0,
      birthdaySuggestion: 'send flowers',
      birthdayMaxLateDays: 30,
      closeLeadDays: 7,
      oneTimeNudgeDays: 45,
      totalThreshold: 10000,
      cadence: {
        ...DEFAULT_REMINDER_SETTINGS.cadence,
        returning: { idealDays: 20, maxDays: 40 },
        lead: null,
      },
      seasonalGreetings: [
        { monthDay: '01-01', label: 'New Year' },
        { monthDay: '02-29', label: 'Leap day' },
        { monthDay: '12-24', label: 'Christmas Eve' },
      ],
      defaultRecipient: 'boss@firm.pl',
    });
    expect(reminderSettings({ totalThreshold: '2500,50' }).settings.totalThreshold).toBe(2500.5);
  });

  it('keeps the default for a bad value and names the key and the allowed values', () => {
    const { settings, problems } = reminderSettings({
      birthdayLeadDays: '61',
      birthdayMaxLateDays: '-1',
      closeLeadDays: 'three',
      oneTimeNudgeDays: '0',
      totalThreshold: '10,000',
      defaultRecipient: 'nobody',
    });
    expect(settings).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(problems).toEqual([
      "birthdayLeadDays: '61' is not allowed; use a whole number of days from 0 to 60 (kept 3)",
      "birthdayMaxLateDays: '-1' is not allowed; use a whole number of days from 0 to 30 (kept 3)",
      "closeLeadDays: 'three' is not allowed; use a whole number of days from 0 to 90 (kept 3)",
      "oneTimeNudgeDays: '0' is not allowed; use a whole number of days from 1 to 3650 (kept 60)",
      "totalThreshold: '10,000' is not allowed; use an amount above 0 in the default currency, digits only (e.g. 10000), or leave it empty to turn this reminder off (kept off)",
      "defaultRecipient: 'nobody' is not allowed; use one email address (a team member's Google account), or leave it empty (kept empty)",
    ]);
  });

  it('reports each bad cadence or greeting entry and keeps the rest', () => {
    const { settings, problems } = reminderSettings({
      cadence: 'returning=20/40; vip=10/20; new=30/10; slipping=5',
      seasonalGreetings: '01-01 New Year; 02-30 Nonsense; 13-01 Nope; 12-24',
    });
    expect(settings.cadence).toEqual({
      ...DEFAULT_REMINDER_SETTINGS.cadence,
      returning: { idealDays: 20, maxDays: 40 },
    });
    expect(settings.seasonalGreetings).toEqual([{ monthDay: '01-01', label: 'New Year' }]);
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^cadence: 'vip=10\/20' is not allowed; use entries like/);
    expect(problems[0]).toContain('lead, new, one-time, returning, top 20%, ambassador, slipping');
    expect(problems[1]).toMatch(/^cadence: 'new=30\/10' is not allowed/);
    expect(problems[2]).toMatch(/^cadence: 'slipping=5' is not allowed/);
    expect(problems[3]).toMatch(
      /^seasonalGreetings: '02-30 Nonsense' is not allowed; use entries like "01-01 New Year"/,
    );
    expect(problems[5]).toMatch(/^seasonalGreetings: '12-24' is not allowed/);
  });

  it('treats an empty value as off where off exists, and as the default elsewhere', () => {
    const { settings, problems } = reminderSettings({
      totalThreshold: '',
      seasonalGreetings: '',
      defaultRecipient: '',
      birthdayLeadDays: '',
      birthdaySuggestion: '',
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(reminderSettings({ totalThreshold: 'off' }).settings.totalThreshold).toBeNull();
    expect(reminderSettings({ birthdaySuggestion: 'x'.repeat(201) }).problems[0]).toBe(
      'birthdaySuggestion: at most 200 characters (this has 201); kept the default',
    );
  });
});

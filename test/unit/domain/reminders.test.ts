import { describe, expect, it } from 'vitest';
import { nextBirthday, upcomingFor } from '../../../src/domain/reminders.ts';

describe('upcoming on the customer card', () => {
  it('finds the next birthday, including 29 February in a common year', () => {
    expect(nextBirthday('1990-12-01', '2026-11-23')).toEqual({ date: '2026-12-01', age: 36 });
    expect(nextBirthday('1990-03-01', '2026-11-23')).toEqual({ date: '2027-03-01', age: 37 });
    expect(nextBirthday('2000-02-29', '2026-11-23')).toEqual({ date: '2027-02-28', age: 27 });
  });

  it('lists follow-ups, birthdays, next steps and close dates in date order, flagging overdue ones', () => {
    const items = upcomingFor(
      {
        customer: { followUp: '2026-11-20', birthday: '1980-12-05' },
        contacts: [{ name: 'Piotr', birthday: '1975-11-30' }],
        deals: [
          {
            title: 'Kitchen',
            stage: 'proposal',
            nextStep: 'Send quote',
            nextStepDate: '2026-11-25',
            expectedClose: '2026-12-20',
          },
          { title: 'Old', stage: 'won', expectedClose: '2026-11-24' },
        ],
        activities: [{ summary: 'Call back', nextFollowUp: '2027-06-01' }],
      },
      '2026-11-23',
    );
    expect(items).toMatchObject([
      { date: '2026-11-20', label: 'Follow up', overdue: true },
      { date: '2026-11-25', label: 'Next step for Kitchen: Send quote', overdue: false },
      { date: '2026-11-30', label: 'Birthday of Piotr (turns 51)', overdue: false },
      { date: '2026-12-05', label: 'Birthday (turns 46)', overdue: false },
      { date: '2026-12-20', label: 'Expected close: Kitchen', overdue: false },
    ]);
  });
});

/** What the card's Done and Snooze accept and write (the server function is public). */
import { describe, expect, it } from 'vitest';
import {
  actionsFor,
  checkAction,
  checkItem,
  checkReceipt,
  dateAfter,
  doneSummary,
} from '../../../src/domain/upcoming-actions.ts';

describe('Done and Snooze rules', () => {
  it('offers Done and both snoozes on follow-ups, only snoozes on a close date, nothing on birthdays', () => {
    expect(actionsFor('followUp')).toEqual(['done', 'snooze-1d', 'snooze-7d']);
    expect(actionsFor('activityFollowUp')).toEqual(['done', 'snooze-1d', 'snooze-7d']);
    expect(actionsFor('dealNextStep')).toEqual(['done', 'snooze-1d', 'snooze-7d']);
    expect(actionsFor('dealClose')).toEqual(['snooze-1d', 'snooze-7d']);
    expect(actionsFor('birthday')).toEqual([]);
  });

  it('clears on Done and counts a snooze from today, across a month end', () => {
    expect(dateAfter('done', '2026-01-31')).toBeNull();
    expect(dateAfter('snooze-1d', '2026-01-31')).toBe('2026-02-01');
    expect(dateAfter('snooze-7d', '2026-12-28')).toBe('2027-01-04');
  });

  it('keeps the logged summary within a text cell', () => {
    expect(doneSummary('Follow up')).toBe('Done: Follow up');
    const long = doneSummary(`Next step for Kitchen: ${'x'.repeat(300)}`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });

  it('accepts only a known kind, an id and a calendar date, and names what is wrong', () => {
    const item = { kind: 'followUp', recordId: 'c-1', date: '2026-03-02', label: 'ignored' };
    expect(checkItem(item)).toEqual({ kind: 'followUp', recordId: 'c-1', date: '2026-03-02' });
    expect(checkItem({ ...item, kind: 'birthday' })).toEqual({
      error: 'A birthday cannot be marked done or snoozed.',
    });
    expect(checkItem({ ...item, kind: 'toString' })).toHaveProperty('error');
    expect(checkItem({ ...item, recordId: '' })).toHaveProperty('error');
    expect(checkItem({ ...item, recordId: 'a b' })).toHaveProperty('error');
    expect(checkItem({ ...item, date: '2026-02-30' })).toHaveProperty('error');
    expect(checkItem(['followUp'])).toHaveProperty('error');
    expect(checkAction('snooze-7d')).toBe('snooze-7d');
    expect(checkAction('delete')).toHaveProperty('error');
  });

  it('checks a receipt before Undo uses it', () => {
    const receipt = {
      kind: 'dealNextStep',
      recordId: 'd-1',
      date: '2026-03-02',
      now: null,
      updated: '2026-03-02T09:00:00.000Z',
      activityId: 'a-1',
    };
    expect(checkReceipt(receipt)).toEqual(receipt);
    expect(checkReceipt({ ...receipt, now: 'tomorrow' })).toHaveProperty('error');
    expect(checkReceipt({ ...receipt, updated: 'yesterday' })).toHaveProperty('error');
    expect(checkReceipt({ ...receipt, activityId: 42 })).toHaveProperty('error');
  });
});

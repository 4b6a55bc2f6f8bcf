/**
 * A banner on the home screen when the daily reminders need someone (the job has not
 * completed for over a day). The status is asked once per session, after start-up, so it
 * never delays the list; the Reminders screen keeps it current.
 */
import type { ReminderStatus } from '../server/jobs/reminder-trigger';
import { formatDateTime } from '../domain/format';
import { display } from './context';
import { h, replaceChildren } from './dom';
import { callServer } from './rpc';
import { button } from './ui';

/** The server's problem in words, its instants ("2026-11-26T14:35:12Z") as local times. */
export function problemText(problem: string): string {
  return problem.replace(/\b\d{4}-\d{2}-\d{2}T[\d:.]+Z\b/g, (instant) =>
    formatDateTime(instant, display()),
  );
}

let known: ReminderStatus | null = null;
let asked = false;
const slots = new Set<HTMLElement>();

export function rememberReminderStatus(status: ReminderStatus): void {
  known = status;
  for (const slot of slots) fill(slot);
}

let open: () => void = () => undefined;

function fill(slot: HTMLElement): void {
  if (!slot.isConnected) {
    slots.delete(slot);
    return;
  }
  const problem = known?.problem;
  replaceChildren(
    slot,
    problem
      ? h(
          'div',
          { class: 'banner reminder-banner', role: 'status' },
          h('p', {}, problemText(problem)),
          button('Open reminders', () => open(), { emphasis: 'outlined', icon: 'bell' }),
        )
      : null,
  );
}

/** A slot that shows the banner whenever the known status has a problem. */
export function reminderBanner(openReminders: () => void): HTMLElement {
  open = openReminders;
  const slot = h('div', { class: 'reminder-banner-slot' });
  slots.add(slot);
  // Filled after the caller attaches the slot (isConnected), and again when the answer comes.
  queueMicrotask(() => fill(slot));
  if (!asked) {
    asked = true;
    callServer('getReminderStatus')
      .then(rememberReminderStatus)
      .catch(() => {
        asked = false; // asked again on the next visit; the list matters more than the banner
      });
  }
  return slot;
}

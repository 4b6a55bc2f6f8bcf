/**
 * Done and Snooze on the card's Upcoming list. The item leaves the list at once (the
 * server's answer, the fresh card, puts it where it belongs: gone after Done, at its new
 * date after Snooze); if the server refuses, the card it sends back shows what is true now
 * and the toast says why. Undo in the toast puts the date back and removes the logged
 * "Done" — one call each way.
 */
import type { CustomerCard } from '../domain/api-types';
import { formatDate } from '../domain/format';
import type { UpcomingItem } from '../domain/reminders';
import { itemRef, type UpcomingAction } from '../domain/upcoming-actions';
import { display } from './context';
import { callServer, describeFailure } from './rpc';
import { currentView, toast } from './shell';
import { progressBar } from './ui';

/** Draws the card again from the server's copy (null: the customer is gone). */
export type Redraw = (card: CustomerCard | null) => void;

function doneText(action: UpcomingAction, label: string, date: string | null): string {
  if (action === 'done') return `Done: ${label}`;
  return `Snoozed to ${date ? formatDate(date, display()) : 'later'}: ${label}`;
}

export async function actOnUpcoming(
  customerId: string,
  item: UpcomingItem,
  action: UpcomingAction,
  entry: HTMLElement,
  redraw: Redraw,
): Promise<void> {
  const ref = itemRef(item);
  if (!ref) return;
  entry.hidden = true;
  // The bar says the sheet is being written; the list already shows the outcome.
  const bar = progressBar();
  bar.hidden = false;
  currentView().prepend(bar);
  try {
    const result = await callServer('actOnReminder', customerId, ref, action);
    redraw(result.card);
    if (!result.ok) {
      entry.hidden = false;
      toast(result.error);
      return;
    }
    const receipt = result.receipt;
    toast(doneText(action, result.label, receipt.now), {
      label: 'Undo',
      busyLabel: 'Undoing…',
      run: async () => {
        try {
          const undone = await callServer('undoReminderAction', customerId, receipt);
          redraw(undone.card);
          toast(undone.ok ? `Undone: ${result.label}` : undone.error);
        } catch (error) {
          toast(describeFailure(error));
        }
      },
    });
  } catch (error) {
    entry.hidden = false;
    toast(describeFailure(error));
  } finally {
    bar.remove();
  }
}

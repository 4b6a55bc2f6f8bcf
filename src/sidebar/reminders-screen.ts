/**
 * Daily reminders: who sends them, at what hour of the spreadsheet's day, how the last run
 * went and when the next one is; turn them on at an hour, off, or take them over from a
 * teammate (whose trigger then stops); and tomorrow's digests as their recipients will read
 * them. Each button is one call that answers with the new status.
 */
import type { ReminderStatus } from '../server/jobs/reminder-trigger';
import { formatDate, formatDateTime } from '../domain/format';
import { display, getBoot } from './context';
import { h, replaceChildren, uniqueId } from './dom';
import { icon } from './icons';
import { back, errorView, loading, setCloser, top } from './nav';
import { problemText, rememberReminderStatus } from './reminder-banner';
import { callServer, describeFailure } from './rpc';
import { show, toast } from './shell';
import { button, iconButton, pending, pill } from './ui';

type Digest = { recipient: string; subject: string; text: string };

export const DEFAULT_HOUR = 8;

const pad = (n: number) => String(n).padStart(2, '0');
const hourRange = (hour: number) => `${pad(hour)}:00–${pad((hour + 1) % 24)}:00`;

/** Today's date and hour in the spreadsheet's time zone. */
function nowIn(timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/**
 * "2026-11-27 between 08:00 and 09:00" → "27 Nov, between 08:00 and 09:00". Today's run
 * whose hour has passed goes out at the trigger's next hourly check (daily-job.ts).
 */
function nextRunText(status: ReminderStatus): string {
  const nextRun = status.nextRun ?? '';
  const match = /^(\d{4}-\d{2}-\d{2}) (.*)$/.exec(nextRun);
  if (!match) return nextRun;
  const now = nowIn(status.timeZone);
  if (match[1] === now.date && status.hour !== null && now.hour >= status.hour) {
    return `Today, within the hour (${pad(status.hour)}:00 has passed)`;
  }
  return `${formatDate(match[1], display())}, ${match[2]}`;
}

const RESULT: Record<string, { text: string; tone: string }> = {
  ok: { text: 'Completed', tone: 'good' },
  partial: { text: 'Partly done', tone: 'gold' },
  error: { text: 'Failed', tone: 'risk' },
};

function row(name: string, ...value: Array<Node | string | null>): HTMLElement {
  return h('div', { class: 'card-row' }, h('dt', {}, name), h('dd', {}, ...value));
}

function statusBlock(status: ReminderStatus): HTMLElement {
  const who = !status.on
    ? 'Nobody gets a daily digest.'
    : status.youOwn
      ? `Sent from your account (${status.owner ?? ''}).`
      : `Sent from ${status.owner ?? 'a teammate'}’s account.`;
  const result = status.result ? RESULT[status.result] : null;
  return h(
    'section',
    { class: 'reminder-status', 'aria-label': 'Status' },
    h(
      'div',
      { class: 'reminder-state' },
      h('span', { class: 'event-icon' }, icon('bell', 18)),
      h(
        'div',
        {},
        h(
          'p',
          { class: 'reminder-state-title' },
          status.on ? 'Reminders are on' : 'Reminders are off',
          ' ',
          pill(status.on ? 'On' : 'Off', status.on ? 'good' : 'neutral'),
        ),
        h('p', { class: 'muted' }, who),
      ),
    ),
    status.problem
      ? h('div', { class: 'banner', role: 'alert' }, h('p', {}, problemText(status.problem)))
      : null,
    h(
      'dl',
      { class: 'card-details' },
      status.on && status.hour !== null
        ? row(
            'Every day',
            hourRange(status.hour),
            h('span', { class: 'muted time-zone' }, status.timeZone),
          )
        : null,
      status.nextRun ? row('Next run', nextRunText(status)) : null,
      status.lastRun ? row('Last run', formatDateTime(status.lastRun, display())) : null,
      result ? row('Result', pill(result.text, result.tone)) : null,
      status.message
        ? row('Message', h('span', { class: 'reminder-message' }, status.message))
        : null,
      status.lastSuccess && status.lastSuccess !== status.lastRun
        ? row('Last completed', formatDateTime(status.lastSuccess, display()))
        : null,
    ),
  );
}

function hourPicker(selected: number): HTMLSelectElement {
  const select = h('select', { id: uniqueId('reminder-hour'), class: 'hour-select' });
  for (let hour = 0; hour < 24; hour++) {
    select.append(h('option', { value: String(hour) }, hourRange(hour)));
  }
  select.value = String(selected);
  return select;
}

/** The Reminders screen; `refresh` draws it again from a new status. */
function renderReminders(status: ReminderStatus): HTMLElement {
  const statusSlot = h('div', {});
  const controls = h('section', { class: 'card-section', 'aria-label': 'Schedule' });
  const previewSlot = h('div', { class: 'preview', 'aria-live': 'polite' });
  let current = status;

  const apply = (next: ReminderStatus, message: string) => {
    current = next;
    rememberReminderStatus(next);
    draw();
    toast(message);
  };
  const run = (
    trigger: HTMLButtonElement,
    busy: string,
    call: () => Promise<ReminderStatus>,
    done: (next: ReminderStatus) => string,
  ) => {
    pending(trigger, busy, call())
      .then((next) => apply(next, done(next)))
      .catch((error: unknown) => toast(describeFailure(error)));
  };

  function draw(): void {
    replaceChildren(statusSlot, statusBlock(current));
    const picker = hourPicker(current.hour ?? DEFAULT_HOUR);
    const hour = () => Number(picker.value);
    const label = h('label', { for: picker.id }, `Send at (${current.timeZone})`);
    const buttons = h('div', { class: 'reminder-buttons' });
    const theirs = current.on && !current.youOwn;
    if (!current.on) {
      const on: HTMLButtonElement = button(
        'Turn on',
        () =>
          run(
            on,
            'Turning on…',
            () => callServer('turnOnReminders', hour(), false),
            (next) =>
              next.youOwn
                ? `Reminders are on: every day ${hourRange(hour())}.`
                : `${next.owner ?? 'A teammate'} turned them on first.`,
          ),
        { emphasis: 'primary', icon: 'bell' },
      );
      buttons.append(on);
    } else if (current.youOwn) {
      const change: HTMLButtonElement = button('Change hour', () =>
        run(
          change,
          'Saving…',
          () => callServer('turnOnReminders', hour(), false),
          () => `Reminders now go out ${hourRange(hour())}.`,
        ),
      );
      change.disabled = hour() === current.hour;
      picker.addEventListener('change', () => (change.disabled = hour() === current.hour));
      buttons.append(change, turnOffButton());
    } else {
      buttons.append(takeOverButton(hour), turnOffButton());
    }
    replaceChildren(
      controls,
      h('div', { class: 'section-head' }, h('h3', {}, theirs ? 'Take over' : 'Schedule')),
      h('div', { class: 'field' }, label, picker),
      theirs
        ? h(
            'p',
            { class: 'help' },
            `Only one person’s account sends the team’s reminders. Taking over sends them from yours (${getBoot().user}) at the hour chosen.`,
          )
        : null,
      buttons,
    );
  }

  function turnOffButton(): HTMLButtonElement {
    const off: HTMLButtonElement = button(
      'Turn off',
      () =>
        run(
          off,
          'Turning off…',
          () => callServer('turnOffReminders'),
          () => 'Reminders are off: nobody gets a daily digest.',
        ),
      { emphasis: 'text' },
    );
    return off;
  }

  /** Take over asks first: it stops a teammate's trigger. */
  function takeOverButton(hour: () => number): HTMLButtonElement {
    const take: HTMLButtonElement = button('Take over', () => {
      const owner = current.owner ?? 'your teammate';
      const confirm = h(
        'div',
        { class: 'confirm', role: 'alertdialog', 'aria-label': 'Take over the reminders?' },
        h(
          'p',
          { class: 'confirm-text' },
          `Take over from ${owner}? Their trigger stops on its next run, and the reminders are sent from your account every day ${hourRange(hour())}.`,
        ),
      );
      const yes: HTMLButtonElement = button(
        'Take over',
        () =>
          run(
            yes,
            'Taking over…',
            () => callServer('turnOnReminders', hour(), true),
            () => `You send the reminders now, every day ${hourRange(hour())}.`,
          ),
        { emphasis: 'primary' },
      );
      const no = button('Cancel', () => draw(), { emphasis: 'text' });
      confirm.append(h('div', { class: 'confirm-buttons' }, yes, no));
      take.parentElement?.replaceWith(confirm);
      no.focus();
    });
    return take;
  }

  const previewButton: HTMLButtonElement = button(
    'Preview tomorrow',
    () => {
      pending(previewButton, 'Composing…', callServer('previewReminders'))
        .then((digests) => replaceChildren(previewSlot, ...previewOf(digests)))
        .catch((error: unknown) =>
          replaceChildren(previewSlot, h('p', { class: 'status' }, describeFailure(error))),
        );
    },
    { icon: 'mail' },
  );

  draw();
  return h(
    'div',
    { class: 'reminders-view' },
    h(
      'header',
      { class: 'form-header' },
      iconButton('back', 'Back', back),
      h(
        'div',
        {},
        h('h2', {}, 'Daily reminders'),
        h(
          'p',
          { class: 'card-sub' },
          'One email a day to each owner: follow-ups, next steps, birthdays and customers slipping away.',
        ),
      ),
    ),
    statusSlot,
    controls,
    h(
      'section',
      { class: 'card-section', 'aria-label': 'Preview tomorrow' },
      h('div', { class: 'section-head' }, h('h3', {}, 'Tomorrow’s digests')),
      h('p', { class: 'help' }, 'What each person would get tomorrow. Nothing is sent.'),
      h('div', { class: 'reminder-buttons' }, previewButton),
      previewSlot,
    ),
  );
}

/**
 * The digest's text with each web address shown as a short "link" (the full address in its
 * tooltip): at 300 px a spreadsheet address takes five lines and hides what the mail says.
 */
function withShortLinks(text: string): Array<string | HTMLElement> {
  return text
    .split(/(https?:\/\/\S+)/)
    .map((part, i) => (i % 2 ? h('span', { class: 'digest-link', title: part }, 'link') : part));
}

function previewOf(digests: Digest[]): HTMLElement[] {
  if (!digests.length) {
    return [h('p', { class: 'muted' }, 'Nothing is due tomorrow: nobody would get a digest.')];
  }
  return [
    h(
      'p',
      { class: 'count' },
      `${digests.length} digest${digests.length === 1 ? '' : 's'} tomorrow`,
    ),
    ...digests.map((digest, index) =>
      h(
        'details',
        { class: 'digest', open: index === 0 },
        h(
          'summary',
          {},
          h('span', { class: 'digest-to' }, digest.recipient),
          h('span', { class: 'digest-subject' }, digest.subject),
        ),
        h('pre', { class: 'digest-text' }, ...withShortLinks(digest.text)),
      ),
    ),
  ];
}

export async function showReminders(): Promise<void> {
  setCloser(back);
  show(loading('Reading the reminder settings…', 'Daily reminders'), { focus: null });
  try {
    const status = await callServer('getReminderStatus');
    if (top().route.name !== 'reminders') return;
    rememberReminderStatus(status);
    show(renderReminders(status));
  } catch (error) {
    show(errorView(describeFailure(error), () => void showReminders()));
  }
}

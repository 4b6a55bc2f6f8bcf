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

/** Hours as the status gives them ("09:00–10:00"), or nothing when reminders are off. */
const hourOf = (status: ReminderStatus) => (status.hour === null ? '' : hourRange(status.hour));

/** The Reminders screen, drawn again from each new status the server sends back. */
function renderReminders(status: ReminderStatus): HTMLElement {
  const statusSlot = h('div', {});
  const controls = h('section', { class: 'card-section', 'aria-label': 'Schedule' });
  const previewSlot = h('div', { class: 'preview', 'aria-live': 'polite' });
  let current = status;
  let picker = hourPicker(status.hour ?? DEFAULT_HOUR);
  const hour = () => Number(picker.value);

  const run = (
    trigger: HTMLButtonElement,
    busy: string,
    call: () => Promise<ReminderStatus>,
    said: (next: ReminderStatus) => string,
  ) => {
    pending(trigger, busy, call())
      .then((next) => {
        current = next;
        rememberReminderStatus(next);
        draw();
        // Focus on the hour, never on a button a second Enter would press by mistake.
        picker.focus();
        toast(said(next));
      })
      .catch((error: unknown) => toast(describeFailure(error)));
  };

  /** A question in place of the buttons, for what affects a teammate; Cancel puts them back. */
  function confirm(trigger: HTMLButtonElement, question: string, yes: HTMLButtonElement): void {
    const no = button('Cancel', () => draw(), { emphasis: 'text' });
    const box = h(
      'div',
      { class: 'confirm', role: 'alertdialog', 'aria-label': question.split('?')[0] + '?' },
      h('p', { class: 'confirm-text' }, question),
      h('div', { class: 'confirm-buttons' }, yes, no),
    );
    trigger.parentElement?.replaceWith(box);
    no.focus();
  }

  function turnOnButton(): HTMLButtonElement {
    const on: HTMLButtonElement = button(
      'Turn on',
      () =>
        run(
          on,
          'Turning on…',
          () => callServer('turnOnReminders', hour(), false),
          (next) =>
            next.youOwn
              ? `Reminders are on: every day ${hourOf(next)}.`
              : `${next.owner ?? 'A teammate'} turned them on first.`,
        ),
      { emphasis: 'primary', icon: 'bell' },
    );
    return on;
  }

  function changeHourButton(): HTMLButtonElement {
    const change: HTMLButtonElement = button('Change hour', () =>
      run(
        change,
        'Saving…',
        () => callServer('turnOnReminders', hour(), false),
        (next) => `Reminders now go out ${hourOf(next)}.`,
      ),
    );
    change.disabled = hour() === current.hour;
    picker.addEventListener('change', () => (change.disabled = hour() === current.hour));
    return change;
  }

  function turnOffButton(): HTMLButtonElement {
    const turnOff = (trigger: HTMLButtonElement) =>
      run(
        trigger,
        'Turning off…',
        () => callServer('turnOffReminders'),
        () => 'Reminders are off: nobody gets a daily digest.',
      );
    const off: HTMLButtonElement = button(
      'Turn off',
      () => {
        if (current.youOwn) return turnOff(off);
        const yes: HTMLButtonElement = button('Turn off', () => turnOff(yes), {
          emphasis: 'danger',
        });
        confirm(
          off,
          `Turn off the reminders ${current.owner ?? 'a teammate'} sends? Nobody gets a daily digest until someone turns them on again.`,
          yes,
        );
      },
      { emphasis: 'text' },
    );
    return off;
  }

  /** Take over asks first: it stops a teammate's trigger. */
  function takeOverButton(): HTMLButtonElement {
    const take: HTMLButtonElement = button('Take over', () => {
      const yes: HTMLButtonElement = button(
        'Take over',
        () =>
          run(
            yes,
            'Taking over…',
            () => callServer('turnOnReminders', hour(), true),
            (next) => `You send the reminders now, every day ${hourOf(next)}.`,
          ),
        { emphasis: 'primary' },
      );
      confirm(
        take,
        `Take over from ${current.owner ?? 'your teammate'}? Their trigger stops on its next run, and the reminders are sent from your account every day ${hourRange(hour())}.`,
        yes,
      );
    });
    return take;
  }

  function draw(): void {
    replaceChildren(statusSlot, statusBlock(current));
    picker = hourPicker(current.hour ?? DEFAULT_HOUR);
    const theirs = current.on && !current.youOwn;
    const buttons = h(
      'div',
      { class: 'reminder-buttons' },
      ...(!current.on
        ? [turnOnButton()]
        : current.youOwn
          ? [changeHourButton(), turnOffButton()]
          : [takeOverButton(), turnOffButton()]),
    );
    replaceChildren(
      controls,
      h('div', { class: 'section-head' }, h('h3', {}, theirs ? 'Take over' : 'Schedule')),
      h(
        'div',
        { class: 'field' },
        h('label', { for: picker.id }, `Send at (${current.timeZone})`),
        picker,
      ),
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

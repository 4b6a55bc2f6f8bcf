/**
 * The daily digest: one mail per person with everything due for them (reminders.ts), in an
 * HTML body and a plain-text alternative with the same content, grouped Overdue, Today and
 * Coming up. Every value from the sheet is HTML-escaped; links are only http(s).
 *
 * Links. Each item links to its row (`options.rowLink`, `…#gid=…&range=A123`, built by the
 * server) and offers Done, Snooze 1 day and Snooze 1 week. A link in a mail cannot run the
 * add-on's authorised code (that needs a deployed web app), so these too open the row, with
 * the action in the URL fragment after the row's own parameters:
 *
 *   <row link>&kartoteka=done&reminder=<encodeURIComponent(key)>
 *   <row link>&kartoteka=snooze-1d&reminder=…      <row link>&kartoteka=snooze-7d&reminder=…
 *
 * (`#kartoteka=…` when the row is unknown and the link is the spreadsheet's.) Sheets selects
 * the row from `gid` and `range`; a browser never sends the fragment to a server and the
 * sidebar cannot read the Sheets page's address, so today the mail says to open Kartoteka's
 * sidebar on the selected row, which offers the actions for that record's reminders. A web
 * app, if one is deployed later, can take the same two parameters from its query string:
 * `parseReminderAction` reads them from either place.
 *
 * Size. MailApp takes at most 200 KB of body on consumer accounts (400 KB on Workspace,
 * https://developers.google.com/apps-script/guides/services/quotas, "Current limitations").
 * HTML and text together stay under DIGEST_BODY_BUDGET; a longer digest lists what fits, in
 * order (overdue first), and ends "…and N more in the sheet". `keys` holds only the listed
 * reminders' keys, so the job records as sent only what the person saw.
 */
import { daysBetween, type IsoDate } from './calendar';
import { REMINDER_RULES, type Reminder, type ReminderRule } from './reminders';

export interface DigestOptions {
  today: IsoDate;
  /** The spreadsheet's time zone, named in the footer: the days are days there. */
  timeZone: string;
  spreadsheetUrl: string;
  /** `${url}#gid=…&range=A123`, built by the server; null when the row is not known. */
  rowLink(entity: 'customers' | 'contacts' | 'deals', recordId: string): string | null;
}

export interface Digest {
  recipient: string;
  subject: string;
  html: string;
  text: string;
  /** Keys of the reminders listed in this mail (a truncated digest lists fewer than given). */
  keys: string[];
}

export type ReminderAction = 'done' | 'snooze-1d' | 'snooze-7d';

/** HTML and text bodies together, in UTF-8 bytes: half of MailApp's consumer limit. */
export const DIGEST_BODY_BUDGET = 100_000;
/** More than this is a list nobody reads in a mail; the sheet has the rest. */
export const DIGEST_MAX_ITEMS = 200;
/** Room kept for the header, section headings and footer around the items. */
const FRAME_RESERVE = 8_000;

const ACTION_PARAM = 'kartoteka';
const KEY_PARAM = 'reminder';
const ACTIONS: ReadonlyArray<{ action: ReminderAction; label: string }> = [
  { action: 'done', label: 'Done' },
  { action: 'snooze-1d', label: 'Snooze 1 day' },
  { action: 'snooze-7d', label: 'Snooze 1 week' },
];

/** The row's link with an action for one reminder in its fragment (see the file comment). */
export function reminderActionLink(link: string, action: ReminderAction, key: string): string {
  const separator = link.includes('#') ? '&' : '#';
  return `${link}${separator}${ACTION_PARAM}=${action}&${KEY_PARAM}=${encodeURIComponent(key)}`;
}

/** The action and reminder key in a link's query or fragment, or null when it has none. */
export function parseReminderAction(url: string): { action: ReminderAction; key: string } | null {
  const params = new Map<string, string>();
  for (const part of url.split(/[?#]/).slice(1)) {
    for (const pair of part.split('&')) {
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      try {
        params.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
      } catch {
        return null; // a malformed escape: not a link this module wrote
      }
    }
  }
  const action = ACTIONS.find((a) => a.action === params.get(ACTION_PARAM))?.action;
  const key = params.get(KEY_PARAM);
  return action && key ? { action, key } : null;
}

type Bucket = 'overdue' | 'today' | 'coming';

const SECTIONS: ReadonlyArray<{ bucket: Bucket; heading: string; colour: string }> = [
  { bucket: 'overdue', heading: 'Overdue', colour: '#c5221f' },
  { bucket: 'today', heading: 'Today', colour: '#1a73e8' },
  { bucket: 'coming', heading: 'Coming up', colour: '#5f6368' },
];

function bucketOf(reminder: Reminder, today: IsoDate): Bucket {
  const days = daysBetween(reminder.due, today);
  return days > 0 ? 'overdue' : days === 0 ? 'today' : 'coming';
}

const SEVERITY_RANK: Record<Reminder['severity'], number> = {
  red: 0,
  overdue: 1,
  yellow: 2,
  due: 3,
};

/** Section, then date, then the most pressing, then the rule's place, then the name. */
function inDigestOrder(today: IsoDate) {
  const section = (r: Reminder) => SECTIONS.findIndex((s) => s.bucket === bucketOf(r, today));
  return (a: Reminder, b: Reminder) =>
    section(a) - section(b) ||
    a.due.localeCompare(b.due) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    REMINDER_RULES.indexOf(a.rule) - REMINDER_RULES.indexOf(b.rule) ||
    a.customerName.localeCompare(b.customerName) ||
    a.key.localeCompare(b.key);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Rules that are tasks with a due date: they can be overdue in the subject. */
const TASKS: readonly ReminderRule[] = ['follow-up', 'deal-next-step', 'deal-close'];

const NOUNS: Record<ReminderRule, [one: string, many: string]> = {
  'follow-up': ['follow-up', 'follow-ups'],
  'deal-next-step': ['deal step', 'deal steps'],
  'deal-close': ['deal to close', 'deals to close'],
  birthday: ['birthday', 'birthdays'],
  slipping: ['customer slipping', 'customers slipping'],
  cadence: ['customer to contact', 'customers to contact'],
  'one-time-nudge': ['one-time buyer to nudge', 'one-time buyers to nudge'],
  'total-crossed': ['spending milestone', 'spending milestones'],
  seasonal: ['greeting', 'greetings'],
};

/** "3 follow-ups (2 overdue)", "1 birthday today", "2 birthdays coming up". */
function subjectPart(rule: ReminderRule, items: Reminder[], today: IsoDate): string[] {
  const [one, many] = NOUNS[rule];
  if (rule === 'birthday') {
    const count = (bucket: Bucket) => items.filter((r) => bucketOf(r, today) === bucket).length;
    return [
      [count('overdue'), 'missed birthday', 'missed birthdays', ''],
      [count('today'), one, many, ' today'],
      [count('coming'), one, many, ' coming up'],
    ]
      .filter(([n]) => Number(n) > 0)
      .map(([n, o, m, suffix]) => `${plural(Number(n), String(o), String(m))}${suffix}`);
  }
  const overdue = TASKS.includes(rule) ? items.filter((r) => r.overdue).length : 0;
  if (overdue === items.length) return [plural(overdue, `overdue ${one}`, `overdue ${many}`)];
  return [`${plural(items.length, one, many)}${overdue ? ` (${overdue} overdue)` : ''}`];
}

function subjectOf(items: Reminder[], today: IsoDate): string {
  const parts = REMINDER_RULES.flatMap((rule) => {
    const ofRule = items.filter((r) => r.rule === rule);
    return ofRule.length ? subjectPart(rule, ofRule, today) : [];
  });
  return `Kartoteka: ${parts.join(', ')}`;
}

/** Sheet text on one line: control characters and runs of white space become one space. */
function plain(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const html = (value: string) => escapeHtml(plain(value));

/** Only web links go into a mail: a `javascript:` or `data:` link would be an attack. */
function webLink(url: string | null): string | null {
  return url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** '2026-11-23' → 'Monday 23 November 2026', the same on every host (no locale data). */
function longDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** When, in words, for one item: its due date against today, as the rule reads it. */
function whenOf(reminder: Reminder, today: IsoDate): string {
  if (reminder.severity === 'red') return 'red: past the maximum gap between contacts';
  if (reminder.severity === 'yellow') return 'yellow: past the ideal gap between contacts';
  const days = daysBetween(reminder.due, today);
  if (days === 0) return 'today';
  if (days < 0)
    return days === -1 ? `tomorrow (${reminder.due})` : `in ${-days} days (${reminder.due})`;
  const ago = plural(days, 'day', 'days');
  if (TASKS.includes(reminder.rule)) return `${ago} overdue (due ${reminder.due})`;
  if (reminder.rule === 'birthday')
    return `${ago} ago (${reminder.due}), while reminders were not sent`;
  return `since ${reminder.due}`;
}

interface Item {
  reminder: Reminder;
  html: string;
  text: string;
  bytes: number;
}

/** Lines under the title: how to reach them, the suggestion, why. */
function itemLines(reminder: Reminder): string[] {
  const suggestion = reminder.suggestion ? `Suggestion: ${reminder.suggestion}` : '';
  return [reminder.detail, suggestion, reminder.note ?? ''].map(plain).filter(Boolean);
}

function renderItem(reminder: Reminder, options: DigestOptions): Item {
  const row = webLink(options.rowLink(reminder.entity, reminder.recordId));
  const base = row ?? webLink(options.spreadsheetUrl);
  const actions = base
    ? ACTIONS.map(({ action, label }) => ({
        label,
        url: reminderActionLink(base, action, reminder.key),
      }))
    : [];
  const when = whenOf(reminder, options.today);
  const colour =
    reminder.severity === 'red' || reminder.severity === 'overdue'
      ? '#c5221f'
      : reminder.severity === 'yellow'
        ? '#b06000'
        : '#5f6368';
  const title = row
    ? `<a href="${escapeHtml(row)}" style="color:#1a73e8;font-weight:bold">${html(reminder.title)}</a>`
    : `<strong>${html(reminder.title)}</strong>`;
  const htmlLines = [
    `${title} <span style="color:${colour}">${html(when)}</span>`,
    ...itemLines(reminder).map((line) => escapeHtml(line)),
  ];
  if (actions.length) {
    htmlLines.push(
      actions
        .map((a) => `<a href="${escapeHtml(a.url)}" style="color:#1a73e8">${a.label}</a>`)
        .join(' · '),
    );
  }
  const itemHtml = `<li style="margin:0 0 12px">${htmlLines.join('<br>\n')}</li>\n`;
  const textLines = [
    `* ${plain(reminder.title)} — ${when}`,
    ...itemLines(reminder).map((line) => `  ${line}`),
    ...(row ? [`  Open: ${row}`] : []),
    ...actions.map((a) => `  ${a.label}: ${a.url}`),
  ];
  const itemText = `${textLines.join('\n')}\n\n`;
  return {
    reminder,
    html: itemHtml,
    text: itemText,
    bytes: utf8Length(itemHtml) + utf8Length(itemText),
  };
}

/** Bytes of a string in UTF-8 (no TextEncoder in Apps Script's V8). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The items that fit in the mail, in order. */
function fitting(items: Item[]): Item[] {
  const kept: Item[] = [];
  let bytes = FRAME_RESERVE;
  for (const item of items) {
    if (kept.length >= DIGEST_MAX_ITEMS || bytes + item.bytes > DIGEST_BODY_BUDGET) break;
    kept.push(item);
    bytes += item.bytes;
  }
  return kept;
}

interface Frame {
  recipient: string;
  subject: string;
  summary: string;
  options: DigestOptions;
  sections: Array<{ heading: string; colour: string; total: number; items: Item[] }>;
  more: number;
}

const FOOTER =
  'Each title opens the row in the spreadsheet. Done and Snooze open it too: a link in an email cannot change the sheet, so open Kartoteka’s sidebar there (Extensions → Kartoteka → Open sidebar) to mark the reminder done or snooze it.';

function frameHtml(frame: Frame): string {
  const sheet = webLink(frame.options.spreadsheetUrl);
  const sections = frame.sections.map(
    (s) =>
      `<h2 style="font-size:16px;margin:20px 0 8px;color:${s.colour}">${s.heading} (${s.total})</h2>\n` +
      `<ul style="margin:0;padding:0 0 0 18px">\n${s.items.map((i) => i.html).join('')}</ul>\n`,
  );
  const more = frame.more
    ? `<p style="margin:16px 0">…and ${frame.more} more in the ${
        sheet ? `<a href="${escapeHtml(sheet)}" style="color:#1a73e8">sheet</a>` : 'sheet'
      }.</p>\n`
    : '';
  return [
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
    `<title>${escapeHtml(frame.subject)}</title>\n</head>\n`,
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#202124">\n',
    `<h1 style="font-size:18px;margin:0 0 4px">Your reminders for ${longDate(frame.options.today)}</h1>\n`,
    `<p style="margin:0 0 8px;color:#5f6368">For ${html(frame.recipient)}: ${escapeHtml(frame.summary)}</p>\n`,
    ...sections,
    more,
    '<hr style="border:none;border-top:1px solid #dadce0;margin:20px 0 8px">\n',
    `<p style="font-size:12px;color:#5f6368;margin:0">${escapeHtml(FOOTER)} `,
    `Dates are days in ${html(frame.options.timeZone)}.</p>\n</body>\n</html>\n`,
  ].join('');
}

function frameText(frame: Frame): string {
  const sheet = webLink(frame.options.spreadsheetUrl);
  const sections = frame.sections.map(
    (s) => `${s.heading.toUpperCase()} (${s.total})\n\n${s.items.map((i) => i.text).join('')}`,
  );
  const more = frame.more
    ? `…and ${frame.more} more in the sheet${sheet ? `: ${sheet}` : '.'}\n\n`
    : '';
  return [
    `Your reminders for ${longDate(frame.options.today)}\n`,
    `For ${plain(frame.recipient)}: ${frame.summary}\n\n`,
    ...sections,
    more,
    '--\n',
    `${FOOTER} Dates are days in ${plain(frame.options.timeZone)}.\n`,
  ].join('');
}

function composeOne(recipient: string, reminders: Reminder[], options: DigestOptions): Digest {
  const today = options.today;
  const ordered = [...reminders].sort(inDigestOrder(today));
  const kept = fitting(ordered.map((r) => renderItem(r, options)));
  const subject = subjectOf(ordered, today);
  const frame: Frame = {
    recipient,
    subject,
    summary: subject.slice('Kartoteka: '.length),
    options,
    sections: SECTIONS.map((s) => ({
      heading: s.heading,
      colour: s.colour,
      total: ordered.filter((r) => bucketOf(r, today) === s.bucket).length,
      items: kept.filter((i) => bucketOf(i.reminder, today) === s.bucket),
    })).filter((s) => s.items.length > 0),
    more: ordered.length - kept.length,
  };
  return {
    recipient,
    subject,
    html: frameHtml(frame),
    text: frameText(frame),
    keys: kept.map((i) => i.reminder.key),
  };
}

/**
 * One digest per recipient, sorted by recipient; none for a recipient with nothing due.
 * Reminders without a recipient are left out (dueReminders returns them apart).
 */
export function composeDigests(reminders: readonly Reminder[], options: DigestOptions): Digest[] {
  const byRecipient = new Map<string, Reminder[]>();
  for (const reminder of reminders) {
    if (!reminder.recipient) continue;
    const list = byRecipient.get(reminder.recipient);
    if (list) list.push(reminder);
    else byRecipient.set(reminder.recipient, [reminder]);
  }
  return [...byRecipient.keys()]
    .sort()
    .map((recipient) => composeOne(recipient, byRecipient.get(recipient) ?? [], options));
}

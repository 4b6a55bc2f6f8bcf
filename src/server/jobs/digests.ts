/**
 * The reminders of one day, as one digest per recipient: gathered by the domain's rules
 * (domain/reminders.ts), composed (domain/digest.ts), sent with MailApp and recorded in the
 * Log tab one digest at a time. The Log is the memory that makes it "never twice, never
 * lost": a reminder key already sent to that recipient today is left out, so a run that
 * stopped half-way (crash, time limit, quota) sends only what is missing when it runs again.
 */
import { addDays, type IsoDate } from '../../domain/calendar';
import { ENTITIES, recordTitle, type RecordOf } from '../../domain/schema';
import { dueReminders, type Reminder } from '../../domain/reminders';
import { composeDigests, type Digest } from '../../domain/digest';
import { reminderSettings } from '../../domain/reminder-settings';
import { parseRates } from '../../domain/purchases';
import { readSettings } from '../settings';
import { resolveSettings } from '../../domain/settings-rules';
import { appendRecords, type RecordValues } from '../sheet/table';
import { readTables, type BatchTable } from '../sheet/batch';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Linked = 'customers' | 'contacts' | 'deals';

export interface DayReminders {
  /** Digests still to send today, deferred recipients first. */
  digests: Digest[];
  /** Reminders nobody would receive (no owner, no default recipient). */
  unassigned: Reminder[];
  /** Settings values that were not understood (the defaults were used). */
  problems: string[];
  /** The customer each reminder key is about, for the Log. */
  customerOfKey: Map<string, string>;
  /** Each customer's title, for the Log's name column beside Customer ID. */
  customerTitles: Map<string, string>;
}

const REMINDER_TABS = ['customers', 'contacts', 'deals', 'activities', 'services', 'log'] as const;
type ReminderTab = (typeof REMINDER_TABS)[number];

/**
 * The tabs the reminder rules look at, Kartoteka's columns only, through the Sheets advanced
 * service: two calls in all, whatever the number of tabs (readTables).
 */
function readReminderTabs(spreadsheet: Spreadsheet, timeZone: string) {
  const tables = readTables(
    { id: spreadsheet.getId() },
    REMINDER_TABS.map((entity) => ({ entity })),
    timeZone,
  );
  return <E extends ReminderTab>(entity: E) => {
    const table = tables.get(entity) as BatchTable;
    return {
      // readTables converted each cell by its field's kind: the shape RecordOf derives.
      records: table.rows.map((r) => r.values as RecordOf<E>),
      rowOf: new Map(table.rows.map((r) => [String(r.values.id), r.row])),
    };
  };
}

/** Keys already sent today, per recipient ("ana@x.com|follow-up:c1:2026-03-02"). */
function sentToday(log: ReadonlyArray<RecordOf<'log'>>, today: IsoDate): Set<string> {
  return new Set(
    log
      .filter((e) => e.kind === 'reminder sent' && e.date === today)
      .map((e) => `${e.recipient ?? ''}|${e.key ?? ''}`),
  );
}

export function remindersOfDay(
  spreadsheet: Spreadsheet,
  day: { today: IsoDate; lastRun: IsoDate | null; timeZone: string },
  deferred: readonly string[],
  options: { skipSent: boolean },
): DayReminders {
  const { today, timeZone } = day;
  // Checked like every call's settings: a mistyped currency falls back to the default.
  const checked = resolveSettings(readSettings(spreadsheet));
  const values = checked.values;
  const { settings, problems } = reminderSettings(values);
  const tab = readReminderTabs(spreadsheet, timeZone);
  const customers = tab('customers');
  const contacts = tab('contacts');
  const deals = tab('deals');
  const rates = parseRates(values.exchangeRates ?? '');
  const { reminders, unassigned } = dueReminders({
    today,
    lastRun: day.lastRun,
    settings,
    customers: customers.records,
    contacts: contacts.records,
    deals: deals.records,
    activities: tab('activities').records,
    services: tab('services').records,
    baseCurrency: values.defaultCurrency,
    rates: rates.rates,
  });
  const sent = options.skipSent ? sentToday(tab('log').records, today) : new Set<string>();
  const url = spreadsheet.getUrl();
  const linked = { customers, contacts, deals };
  const sheetIds = new Map<Linked, number>();
  const sheetIdOf = (entity: Linked) => {
    let sheetId = sheetIds.get(entity);
    if (sheetId === undefined) {
      sheetId = spreadsheet.getSheetByName(ENTITIES[entity].tab)?.getSheetId() ?? 0;
      sheetIds.set(entity, sheetId);
    }
    return sheetId;
  };
  const digests = composeDigests(
    reminders.filter((r) => !sent.has(`${r.recipient}|${r.key}`)),
    {
      today,
      timeZone,
      spreadsheetUrl: url,
      rowLink: (entity, id) => {
        const row = linked[entity].rowOf.get(id);
        return row ? `${url}#gid=${sheetIdOf(entity)}&range=A${row}` : null;
      },
    },
  );
  const first = (d: Digest) => (deferred.includes(d.recipient) ? 0 : 1);
  return {
    digests: [...digests].sort((a, b) => first(a) - first(b)),
    unassigned,
    problems: [
      ...checked.fallbacks.map((f) => f.message.replace(/^Settings: /, '')),
      ...problems,
      ...rates.problems.map((p) => `exchangeRates: ${p}`),
    ],
    customerOfKey: new Map(reminders.map((r) => [r.key, r.customerId])),
    customerTitles: new Map(
      customers.records.map((c) => [c.id ?? '', recordTitle(ENTITIES.customers, c)]),
    ),
  };
}

export interface SendOutcome {
  sent: number;
  /** Recipients left for tomorrow: the mail quota ran out. */
  deferred: string[];
  /** Digests not reached before the time budget ran out: the next run continues. */
  unsent: number;
}

/** Sends digests until done, out of quota, or out of time; records each one as it goes. */
export function sendDigests(
  spreadsheet: Spreadsheet,
  { digests, customerOfKey, customerTitles }: DayReminders,
  today: IsoDate,
  user: string,
  outOfTime: () => boolean,
): SendOutcome {
  let quota = MailApp.getRemainingDailyQuota();
  const outcome: SendOutcome = { sent: 0, deferred: [], unsent: 0 };
  for (const [index, digest] of digests.entries()) {
    if (outOfTime()) {
      outcome.unsent = digests.length - index;
      break;
    }
    if (quota < 1) {
      outcome.deferred.push(digest.recipient);
      continue;
    }
    MailApp.sendEmail({
      to: digest.recipient,
      subject: digest.subject,
      body: digest.text,
      htmlBody: digest.html,
      name: 'Kartoteka',
    });
    quota--;
    outcome.sent++;
    // Recorded at once: if the run dies after this mail, the next run will not send it again.
    const stamp = new Date().toISOString();
    const entries: RecordValues[] = digest.keys.map((key) => ({
      id: Utilities.getUuid(),
      date: today,
      kind: 'reminder sent',
      customerId: customerOfKey.get(key) ?? null,
      customerIdTitle: customerTitles.get(customerOfKey.get(key) ?? '') ?? null,
      summary: `Digest "${digest.subject}"`,
      recipient: digest.recipient,
      key,
      created: stamp,
      createdBy: user,
    }));
    appendRecords(spreadsheet, ENTITIES.log, entries);
  }
  return outcome;
}

/** Tomorrow's digests, for the sidebar's preview: the same path, nothing sent or recorded. */
export function previewTomorrow(
  spreadsheet: Spreadsheet,
  today: IsoDate,
  timeZone: string,
): DayReminders {
  return remindersOfDay(spreadsheet, { today: addDays(today, 1), lastRun: today, timeZone }, [], {
    skipSent: false,
  });
}

/**
 * MailApp: messages go to WorkbookState.outbox; recipients are counted per user per day
 * (the day in the script's time zone) in WorkbookState.mailQuota. Limits from
 * https://developers.google.com/apps-script/guides/services/quotas (consumer account,
 * the stricter one): 100 recipients a day, 50 per message, 200 KB body.
 */
import type { ServiceHost } from '../execution';
import type { MailMessage } from '../state';
import { wallClock } from '../zoned-time';

export const MAIL_RECIPIENTS_PER_DAY = 100;
export const MAIL_RECIPIENTS_PER_MESSAGE = 50;
export const MAIL_BODY_MAX_BYTES = 200 * 1024;
export const MAIL_QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
/** Apps Script's "Limit Exceeded: …" texts for the per-message limits. */
export const MAIL_TOO_MANY_RECIPIENTS_MESSAGE = 'Limit Exceeded: Email Recipients Per Message.';
export const MAIL_BODY_TOO_LARGE_MESSAGE = 'Limit Exceeded: Email Body Size.';
export const MAIL_NO_RECIPIENT_MESSAGE = 'Failed to send email: no recipient';

// A pragmatic address check: something@domain.tld without spaces or a second '@'.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

function addresses(list: string | undefined): string[] {
  if (list === undefined || list === null) return [];
  return String(list)
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

function dayIn(date: Date, timeZone: string): string {
  const w = wallClock(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export function createMailApp(host: ServiceHost): GoogleAppsScript.Mail.MailApp {
  const usedToday = (): number => {
    const entry = host.state.mailQuota[host.user];
    return entry && entry.day === dayIn(host.now(), host.scriptTimeZone) ? entry.recipients : 0;
  };

  const send = (message: GoogleAppsScript.Mail.MailAdvancedParameters): void => {
    const recipients = [
      ...addresses(message.to),
      ...addresses(message.cc),
      ...addresses(message.bcc),
    ];
    if (recipients.length === 0) throw new Error(MAIL_NO_RECIPIENT_MESSAGE);
    for (const address of recipients) {
      if (!EMAIL.test(address)) throw new Error(`Invalid email: ${address}`);
    }
    if (message.replyTo !== undefined && !EMAIL.test(String(message.replyTo).trim())) {
      throw new Error(`Invalid email: ${message.replyTo}`);
    }
    if (recipients.length > MAIL_RECIPIENTS_PER_MESSAGE) {
      throw new Error(MAIL_TOO_MANY_RECIPIENTS_MESSAGE);
    }
    const body = message.body === undefined ? '' : String(message.body);
    const htmlBody = message.htmlBody === undefined ? undefined : String(message.htmlBody);
    const size = Buffer.byteLength(body, 'utf8') + Buffer.byteLength(htmlBody ?? '', 'utf8');
    if (size > MAIL_BODY_MAX_BYTES) throw new Error(MAIL_BODY_TOO_LARGE_MESSAGE);
    const used = usedToday();
    if (used + recipients.length > MAIL_RECIPIENTS_PER_DAY) throw new Error(MAIL_QUOTA_MESSAGE);

    const sent: MailMessage = {
      sentAt: host.now().toISOString(),
      from: host.user,
      to: addresses(message.to).join(','),
      subject: message.subject === undefined ? '' : String(message.subject),
      body,
    };
    if (message.cc) sent.cc = addresses(message.cc).join(',');
    if (message.bcc) sent.bcc = addresses(message.bcc).join(',');
    if (message.replyTo) sent.replyTo = String(message.replyTo).trim();
    if (htmlBody !== undefined) sent.htmlBody = htmlBody;
    if (message.name !== undefined) sent.name = String(message.name);
    if (message.noReply) sent.noReply = true;
    host.state.outbox.push(sent);
    host.state.mailQuota[host.user] = {
      day: dayIn(host.now(), host.scriptTimeZone),
      recipients: used + recipients.length,
    };
  };

  return {
    getRemainingDailyQuota(): number {
      host.call('MailApp', 'getRemainingDailyQuota');
      return MAIL_RECIPIENTS_PER_DAY - usedToday();
    },
    sendEmail(...args: unknown[]): void {
      host.call('MailApp', 'sendEmail');
      if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) {
        send(args[0] as GoogleAppsScript.Mail.MailAdvancedParameters);
      } else if (args.length === 4 && typeof args[3] === 'string') {
        // sendEmail(to, replyTo, subject, body)
        const [to, replyTo, subject, body] = args as string[];
        send({ to, replyTo, subject, body });
      } else {
        const [to, subject, body, options] = args as [
          string,
          string,
          string,
          GoogleAppsScript.Mail.MailAdvancedParameters | undefined,
        ];
        send({ ...(options ?? {}), to, subject, body });
      }
    },
  } as GoogleAppsScript.Mail.MailApp; // one variadic implementation serves all overloads
}

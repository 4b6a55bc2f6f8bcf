/**
 * MailApp: messages go to the workbook's outbox; the daily recipient quota (100 for a
 * consumer account) is counted per user per day in the script's time zone.
 * https://developers.google.com/apps-script/guides/services/quotas
 */
import type { ServiceHost } from '../execution';
import type { MailMessage } from '../state';
import { zonedParts } from '../time-zone';

export const DAILY_RECIPIENTS = 100;
const RECIPIENTS_PER_MESSAGE = 50;
const BODY_LIMIT = 200 * 1024;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface MailOptions {
  to?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  cc?: string;
  bcc?: string;
  noReply?: boolean;
}

function addresses(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

export function createMailApp(host: ServiceHost) {
  const today = () => {
    const p = zonedParts(host.now().getTime(), host.scriptTimeZone);
    return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  };
  const used = () => {
    const entry = host.state.mailQuota[host.user];
    return entry && entry.day === today() ? entry.recipients : 0;
  };
  const send = (message: MailOptions) => {
    const recipients = [
      ...addresses(message.to),
      ...addresses(message.cc),
      ...addresses(message.bcc),
    ];
    if (!recipients.length) throw new Error('Failed to send email: no recipient');
    for (const address of recipients)
      if (!EMAIL.test(address)) throw new Error(`Invalid email: ${address}`);
    if (recipients.length > RECIPIENTS_PER_MESSAGE)
      throw new Error('Failed to send email: too many recipients');
    if ((message.body ?? '').length + (message.htmlBody ?? '').length > BODY_LIMIT) {
      throw new Error('Failed to send email: the message is too large');
    }
    if (used() + recipients.length > DAILY_RECIPIENTS) {
      throw new Error('Service invoked too many times for one day: email.');
    }
    host.state.mailQuota[host.user] = { day: today(), recipients: used() + recipients.length };
    const sent: MailMessage = {
      sentAt: host.now().toISOString(),
      from: message.noReply ? 'noreply@example.com' : host.user,
      to: addresses(message.to).join(', '),
      subject: String(message.subject ?? ''),
      body: String(message.body ?? ''),
    };
    if (message.cc) sent.cc = message.cc;
    if (message.bcc) sent.bcc = message.bcc;
    if (message.replyTo) sent.replyTo = message.replyTo;
    if (message.htmlBody) sent.htmlBody = message.htmlBody;
    if (message.name) sent.name = message.name;
    host.state.outbox.push(sent);
  };
  return {
    sendEmail(
      recipientOrMessage: string | MailOptions,
      subject?: string,
      body?: string,
      options?: MailOptions,
    ): void {
      host.call('MailApp', 'sendEmail');
      if (typeof recipientOrMessage === 'object') send(recipientOrMessage);
      else send({ ...(options ?? {}), to: recipientOrMessage, subject, body });
    },
    getRemainingDailyQuota(): number {
      host.call('MailApp', 'getRemainingDailyQuota');
      return DAILY_RECIPIENTS - used();
    },
  };
}

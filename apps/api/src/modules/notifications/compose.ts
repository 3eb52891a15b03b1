import type { LocalizedText } from '../../db/schema/index.ts';
import type { MailTemplate } from './mail-templates.ts';
import type { RequesterLinks } from './requester-links.ts';
import type { MailLanguage, RequesterMessageKind } from './requester-messages.ts';
import { fillPlaceholders, requesterText } from './requester-texts.ts';
import type { OutgoingMessage } from './transport.ts';

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

/**
 * The HTML part of a plain-text message: escaped, paragraphs at blank lines, line breaks kept, and web
 * addresses as links. Made from the text, so the two parts always say the same thing.
 */
export function htmlFromText(text: string, language: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((paragraph) =>
      escapeHtml(paragraph)
        .replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`)
        .replace(/\n/g, '<br>\n'),
    )
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('\n');
  return `<!doctype html>\n<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"></head><body>\n${paragraphs}\n</body></html>\n`;
}

export function localizedIn(text: LocalizedText, language: MailLanguage): string {
  return text[language] ?? text.en;
}

/** Message-IDs are stable per outbox row, so a resend after a crash is recognisably the same mail. */
export function messageIdFor(outboxId: number, publicBaseUrl: string): string {
  const host = new URL(publicBaseUrl).hostname || 'nsp.invalid';
  return `<nsp-outbox-${outboxId}@${host}>`;
}

export interface StaffMessageInput {
  outboxId: number;
  to: string;
  kind: string;
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
}

/** A staff notice by e-mail: the notice itself, a link to what it is about, and where to change preferences. */
export function composeStaffMessage(input: StaffMessageInput, publicBaseUrl: string): OutgoingMessage {
  const link =
    input.entityType === 'service_request' && input.entityId
      ? `${publicBaseUrl}/service-requests/${encodeURIComponent(input.entityId)}`
      : null;
  const preferences = `${publicBaseUrl}/notifications/preferences`;
  const text = [
    input.body,
    ...(link ? [`Open it in NSP: ${link}`] : []),
    `You receive this because of your notification preferences in NSP. Change them: ${preferences}`,
  ].join('\n\n');
  return {
    to: input.to,
    subject: input.title,
    text,
    html: htmlFromText(text, 'en'),
    shortText: link ? `${input.title} ${link}` : input.title,
    messageId: messageIdFor(input.outboxId, publicBaseUrl),
    kind: input.kind,
  };
}

export interface RequesterMessageInput {
  outboxId: number;
  to: string;
  kind: RequesterMessageKind;
  language: MailLanguage;
  template: MailTemplate;
  requestId: string;
  trackingNumber: string;
  category: string;
  expectedDate: string;
  /** The public update's text (public updates only). */
  update: string | null;
  reopenWindowDays: number;
}

/**
 * A requester e-mail from its template, in the requester's language: plain text and HTML, the status
 * link, and RFC 8058 one-click unsubscribe headers. It carries only this request's public facts and
 * this update's text: never an internal note, never anyone else's data.
 */
export function composeRequesterMessage(
  input: RequesterMessageInput,
  links: RequesterLinks,
  publicBaseUrl: string,
): OutgoingMessage {
  const unsubscribeLink = links.unsubscribe(input.trackingNumber, input.requestId);
  const values = {
    trackingNumber: input.trackingNumber,
    category: input.category,
    expectedDate: input.expectedDate,
    statusLink: links.statusPage(input.trackingNumber),
    update: input.update ?? '',
    notFixedLink: links.notFixed(input.trackingNumber, input.requestId),
    reopenWindowDays: String(input.reopenWindowDays),
    unsubscribeLink,
  };
  const subject = fillPlaceholders(localizedIn(input.template.subject, input.language), values)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const body = fillPlaceholders(localizedIn(input.template.body, input.language), values);
  const text = `${body}\n\n--\n${requesterText('footer', input.language, values)}`;
  return {
    to: input.to,
    subject,
    text,
    html: htmlFromText(text, input.language),
    shortText: `${subject} ${values.statusLink}`,
    headers: {
      'List-Unsubscribe': `<${unsubscribeLink}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Content-Language': input.language,
      // Automated mail: no out-of-office replies back to the department.
      'Auto-Submitted': 'auto-generated',
    },
    messageId: messageIdFor(input.outboxId, publicBaseUrl),
    kind: `requester.${input.kind}`,
  };
}

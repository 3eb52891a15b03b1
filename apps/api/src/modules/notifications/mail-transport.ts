import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import { type NotificationTransport, type OutgoingMessage, PermanentDeliveryError } from './transport.ts';

export interface MailTransportOptions {
  /** smtp:// or smtps:// (see README "E-mail"); unset: messages are written to `folder`. */
  smtpUrl: string | undefined;
  from: string;
  /** Where messages go when there is no SMTP server: a developer opens the .eml files there. */
  folder: string;
  log: FastifyBaseLogger;
}

/** Anything shaped like an e-mail address, so that no error text we keep or log carries one. */
const addressPattern = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;

export function withoutAddresses(text: string): string {
  return text.replace(addressPattern, '[address]');
}

/**
 * SMTP errors often quote the recipient ("550 <maria@example.org>: no such user"): the error passed on
 * (and so stored in the outbox and logged by the delivery job) keeps only the code and a scrubbed text.
 * A 5xx reply is permanent: retrying cannot change it.
 */
function scrubbedSendError(error: unknown): Error {
  const source = error as { message?: unknown; responseCode?: unknown; permanent?: unknown; code?: unknown };
  const message = withoutAddresses(String(source?.message ?? error)).slice(0, 400);
  const code = typeof source?.responseCode === 'number' ? ` (SMTP ${source.responseCode})` : '';
  const text = `${typeof source?.code === 'string' ? `${source.code}: ` : ''}${message}${code}`;
  return source?.permanent === true ? new PermanentDeliveryError(text) : new Error(text);
}

function mailOptions(from: string, message: OutgoingMessage) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    headers: message.headers ?? {},
    messageId: message.messageId,
  };
}

/**
 * E-mail through nodemailer. With an SMTP URL: a pooled SMTP connection (TLS as the URL says). Without:
 * each message is written as an .eml file under the data folder and a debug log line says so, naming the
 * message and the file but neither the recipient nor the body, so that a laptop needs no mail server.
 */
export function createMailTransport(options: MailTransportOptions): NotificationTransport {
  if (options.smtpUrl) {
    const smtp = nodemailer.createTransport({
      url: options.smtpUrl,
      pool: true,
      // delivery.ts sends up to 4 at once.
      maxConnections: 4,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      // nodemailer's own logger would print envelopes (addresses); ours logs without them.
      logger: false,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    return {
      channel: 'email',
      async send(message) {
        try {
          await smtp.sendMail(mailOptions(options.from, message));
        } catch (error) {
          throw scrubbedSendError(error);
        }
        options.log.debug(
          { channel: 'email', kind: message.kind, messageId: message.messageId },
          'mail sent',
        );
      },
      async close() {
        smtp.close();
      },
    };
  }

  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    channel: 'email',
    async send(message) {
      const info = (await writer.sendMail(mailOptions(options.from, message))) as { message: Buffer };
      await mkdir(options.folder, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const name = `${stamp}-${message.messageId.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 80)}.eml`;
      const file = path.join(options.folder, name);
      // The file holds the recipient's address and the text: readable by the server's user only.
      await writeFile(file, info.message, { mode: 0o600 });
      options.log.debug(
        { channel: 'email', kind: message.kind, messageId: message.messageId, file },
        'mail written to the mail folder (no NSP_SMTP_URL)',
      );
    },
  };
}

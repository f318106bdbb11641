import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { nowIso } from '../../db/database.js';
import { newId } from '../../shared/ids.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  districtId: string | null;
}

export interface Mailer {
  /**
   * Whether SMTP is set up. Without it nothing leaves the server (the outbox and the console keep
   * the message), and a page must say so rather than claim an e-mail was sent.
   */
  readonly configured: boolean;
  /** Resolves false when delivery failed; the failure is logged and kept in the outbox. */
  send(mail: Mail): Promise<boolean>;
  close(): void;
}

/**
 * With SMTP configured, mail goes out through nodemailer and the outbox row records that it went.
 * Without it (a laptop trying Forefront), the outbox table and the console hold the message, so
 * an invitation link is never lost.
 */
export function createMailer(config: Config, db: Db, log: FastifyBaseLogger): Mailer {
  // Short timeouts: an unreachable mail server must not hold an invitation request for minutes.
  const transport = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
    : null;
  return {
    configured: transport !== null,
    async send(mail) {
      const row = {
        id: newId(),
        districtId: mail.districtId,
        toAddress: mail.to,
        subject: mail.subject,
        textBody: mail.text,
        createdAt: nowIso(),
        sentAt: null,
        error: null,
      };
      if (!transport) {
        await db.insertInto('mailOutbox').values(row).execute();
        // No SMTP: print the message so whoever runs the server can pass the link on.
        console.log(
          `\n--- mail (no SMTP configured; kept in the outbox) ---\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n---\n`,
        );
        return true;
      }
      try {
        await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
        // The body may hold a one-time link: once delivered it need not stay in our database.
        await db
          .insertInto('mailOutbox')
          .values({ ...row, textBody: '', sentAt: nowIso() })
          .execute();
        return true;
      } catch (err) {
        log.error({ err: { message: (err as Error).message } }, 'mail delivery failed');
        await db
          .insertInto('mailOutbox')
          .values({ ...row, error: (err as Error).message.slice(0, 500) })
          .execute();
        return false;
      }
    },
    close() {
      transport?.close();
    },
  };
}

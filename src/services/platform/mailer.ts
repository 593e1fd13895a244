import nodemailer from 'nodemailer';

export type MailAttachment = {
  filename: string;
  content: Buffer;
  contentType: string;
  /** Set for images the HTML shows inline as `cid:<contentId>`. */
  contentId?: string;
};

export type MailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
  /** Extra headers, such as a campaign's List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Readonly<Record<string, string>>;
};

/** What the SMTP server answered on accepting a message (campaigns keep it as proof). */
export type MailAccepted = { messageId: string | null; response: string | null };

/**
 * Sends one message or throws a MailError; services take it as a dependency. `close`
 * lets go of a pooled mailer's connections.
 */
export type Mailer = {
  send(message: MailMessage): Promise<MailAccepted | void>;
  close?: () => void;
};

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /**
   * Campaigns: keep connections open and send at most this many messages a second (the
   * shop's SMTP provider sets the limit). Receipts leave it out: one message, now.
   */
  ratePerSecond?: number;
};

/**
 * A delivery that failed. Only the SMTP reply code and nodemailer's error kind are
 * kept: the server's message text often repeats the recipient's address.
 */
export class MailError extends Error {
  constructor(
    readonly kind: string,
    readonly responseCode: number | null,
  ) {
    super(`mail delivery failed (${kind}${responseCode === null ? '' : `, SMTP ${responseCode}`})`);
  }
}

function mailErrorOf(error: unknown): MailError {
  const fields = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return new MailError(
    typeof fields.code === 'string' ? fields.code : 'unknown',
    typeof fields.responseCode === 'number' ? fields.responseCode : null,
  );
}

export function createMailer(smtp: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user !== null && smtp.password !== null
      ? { auth: { user: smtp.user, pass: smtp.password } }
      : {}),
    // A receipt is sent while staff wait at the till: give up in seconds, not minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    ...(smtp.ratePerSecond === undefined
      ? {}
      : { pool: true, maxConnections: 1, rateDelta: 1000, rateLimit: smtp.ratePerSecond }),
  });
  return {
    async send(message) {
      try {
        const info: { messageId?: unknown; response?: unknown } = await transport.sendMail({
          from: smtp.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          ...(message.headers ? { headers: { ...message.headers } } : {}),
          attachments: message.attachments.map((attachment) => ({
            filename: attachment.filename,
            content: attachment.content,
            contentType: attachment.contentType,
            ...(attachment.contentId ? { cid: attachment.contentId } : {}),
          })),
        });
        return {
          messageId: typeof info.messageId === 'string' ? info.messageId : null,
          response: typeof info.response === 'string' ? info.response.slice(0, 500) : null,
        };
      } catch (error) {
        throw mailErrorOf(error);
      }
    },
    close: () => transport.close(),
  };
}

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
};

/** Sends one message or throws a MailError; services take it as a dependency. */
export type Mailer = { send(message: MailMessage): Promise<void> };

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
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
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: smtp.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          attachments: message.attachments.map((attachment) => ({
            filename: attachment.filename,
            content: attachment.content,
            contentType: attachment.contentType,
            ...(attachment.contentId ? { cid: attachment.contentId } : {}),
          })),
        });
      } catch (error) {
        throw mailErrorOf(error);
      }
    },
  };
}

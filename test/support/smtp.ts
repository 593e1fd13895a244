import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type DeliveredMail = { envelopeTo: string[]; mail: ParsedMail };

export type TestSmtpServer = {
  port: number;
  delivered: DeliveredMail[];
  close: () => Promise<void>;
};

/**
 * A real SMTP server on a random local port, plain text and without sign-in, that
 * keeps every message it accepts, parsed. Recipients starting with `reject` are
 * refused with 550, as a real server refuses an unknown mailbox.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const delivered: DeliveredMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!address.address.startsWith('reject')) return callback();
      callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          delivered.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  const listening = await new Promise<AddressInfo>((resolve) => {
    const net = server.listen(0, '127.0.0.1', () => resolve(net.address() as AddressInfo));
  });
  return {
    port: listening.port,
    delivered,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

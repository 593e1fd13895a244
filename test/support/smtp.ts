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
 * refused with 550, as a real server refuses an unknown mailbox; recipients starting
 * with `busy` are refused with 451 (try later) the first `busyTimes` times each.
 * `onDelivered` hears of each message once it is accepted.
 */
export async function startTestSmtpServer(
  options: { busyTimes?: number; onDelivered?: (mail: DeliveredMail) => void } = {},
): Promise<TestSmtpServer> {
  const delivered: DeliveredMail[] = [];
  const busyRefusals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refused = busyRefusals.get(address.address) ?? 0;
      if (address.address.startsWith('busy') && refused < (options.busyTimes ?? 2)) {
        busyRefusals.set(address.address, refused + 1);
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      if (!address.address.startsWith('reject')) return callback();
      callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const one = { envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail };
          delivered.push(one);
          callback();
          options.onDelivered?.(one);
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

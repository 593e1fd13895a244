import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { sinkDomain } from './campaigns-setup.ts';

/**
 * A local SMTP server that accepts every message and only counts: per recipient index
 * (read back from `c<index>@sink.example`), and the time of each acceptance. The body is
 * drained, not parsed, so the sink costs the sender as little as a real relay would.
 */
export type Sink = {
  port: number;
  accepted: () => number;
  /** hrtime (ns) of the n-th acceptance (0-based); undefined until it came. */
  acceptedAt: (n: number) => bigint | undefined;
  /** Called after each acceptance with the running count. */
  onAccepted: (listener: ((count: number) => void) | null) => void;
  /** Recipients received 0 times, and those received more than once (index, times). */
  check: (owed: number) => { missing: number; duplicates: [number, number][]; foreign: number };
  close: () => Promise<void>;
};

export async function startSink(recipients: number): Promise<Sink> {
  const received = new Uint8Array(recipients);
  const times: bigint[] = [];
  let foreign = 0;
  let listener: ((count: number) => void) | null = null;
  const pattern = new RegExp(`^c(\\d+)@${sinkDomain.replace('.', '\\.')}$`);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Many messages per connection: the sender's pooled connection stays open.
    maxClients: 10,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) {
          const index = Number(pattern.exec(rcpt.address)?.[1] ?? NaN);
          if (Number.isInteger(index) && index < recipients) {
            received[index] = Math.min(255, (received[index] ?? 0) + 1);
          } else foreign += 1;
        }
        times.push(process.hrtime.bigint());
        callback();
        listener?.(times.length);
      });
    },
  });
  const address = await new Promise<AddressInfo>((resolve) => {
    const net = server.listen(0, '127.0.0.1', () => resolve(net.address() as AddressInfo));
  });
  return {
    port: address.port,
    accepted: () => times.length,
    acceptedAt: (n) => times[n],
    onAccepted: (next) => (listener = next),
    check: (owed) => {
      let missing = 0;
      const duplicates: [number, number][] = [];
      for (let i = 0; i < owed; i++) {
        const n = received[i] ?? 0;
        if (n === 0) missing += 1;
        else if (n > 1) duplicates.push([i, n]);
      }
      return { missing, duplicates, foreign };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { startServer, type RunningServer } from './server.ts';
import { packageVersion as version } from './project-files.ts';

/** Where the data is, for the start and stop lines: never a password, never a user name. */
export function databaseLabel(config: Config): Record<string, string> {
  if (!config.databaseUrl) return { kind: 'pglite', dataDir: config.dataDir };
  try {
    const url = new URL(config.databaseUrl);
    return {
      kind: 'postgres',
      host: url.hostname || 'localhost',
      port: url.port || '5432',
      database: decodeURIComponent(url.pathname.slice(1)),
    };
  } catch {
    return { kind: 'postgres' };
  }
}

type Stop = { reason: string; at: number };
type State = { phase: 'starting' | 'serving'; stop: Stop | null };

/**
 * `clientele serve` as a process: one line when it starts, serves until SIGTERM or
 * SIGINT, then stops gracefully (new requests refused, requests in flight answered, the
 * database closed and its data directory released) and says so in one line with the
 * reason and how long the stop took. A stop asked for during start-up (migrations, demo
 * seeding) waits for the step under way, then closes what was opened. When the stop
 * takes longer than CLIENTELE_SHUTDOWN_SECONDS, or a second signal comes, the process
 * exits at once with code 1, saying so: a supervisor must not wait forever.
 *
 * Resolves with the exit code of a stop that finished.
 */
export async function serveUntilStopped(config: Config): Promise<number> {
  const logger = pino({ level: config.logLevel });
  const about = { version, database: databaseLabel(config) };
  const began = performance.now();
  // Written by the signal handler: an object, so reads after an await see the change.
  const state: State = { phase: 'starting', stop: null };
  const starting = new AbortController();
  const stopped = new Promise<void>((resolve) =>
    handleStopSignals({ logger, about, state, began, seconds: config.shutdownSeconds }, () => {
      starting.abort();
      resolve();
    }),
  );

  logger.info(about, 'Clientele starting');
  let server: RunningServer | null;
  try {
    server = await startServer(config, { logger, signal: starting.signal });
  } catch (error) {
    const ms = sinceMs(began);
    logger.error({ ...about, reason: 'start failed', phase: state.phase, ms }, 'Clientele stopped');
    throw error;
  }
  if (!server) return stopLine(logger, { ...about, phase: state.phase }, state.stop, null);
  state.phase = 'serving';
  logger.info({ url: server.url, ms: sinceMs(began) }, 'Clientele is serving');
  await stopped;
  try {
    await server.close();
  } catch (error) {
    return stopLine(logger, { ...about, phase: state.phase }, state.stop, error);
  }
  return stopLine(logger, { ...about, phase: state.phase }, state.stop, null);
}

/**
 * The first SIGTERM or SIGINT asks for a stop (`onStop`) and starts the deadline; the
 * deadline or a second signal ends the process at once with code 1 and a line saying why.
 */
function handleStopSignals(
  context: { logger: Logger; about: object; state: State; began: number; seconds: number },
  onStop: () => void,
): void {
  const { logger, about, state, seconds } = context;
  const forceExit = (reason: string, detail: string) => {
    const ms = sinceMs(state.stop?.at ?? context.began);
    const line = { ...about, reason, phase: state.phase, ms, exitCode: 1, forced: true, detail };
    logger.error(line, 'Clientele stopped');
    logger.flush();
    process.exit(1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.stop) {
      forceExit(`second ${signal}`, `A second ${signal} came during the stop: exiting at once`);
      return;
    }
    state.stop = { reason: signal, at: performance.now() };
    logger.info(
      { reason: signal, phase: state.phase, deadlineSeconds: seconds },
      'Clientele stopping',
    );
    setTimeout(
      () =>
        forceExit(
          'deadline',
          `The stop did not finish within ${seconds} s (CLIENTELE_SHUTDOWN_SECONDS): exiting at once; requests still in flight were cut off`,
        ),
      seconds * 1000,
    );
    onStop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** The one line a stop ends with; 0 when it finished cleanly, 1 when closing failed. */
function stopLine(logger: Logger, about: object, stop: Stop | null, failure: unknown): number {
  const exitCode = failure === null ? 0 : 1;
  const line = {
    ...about,
    reason: stop?.reason ?? 'unknown',
    ms: stop ? sinceMs(stop.at) : 0,
    exitCode,
    ...(failure === null ? {} : { err: failure }),
  };
  if (exitCode === 0) logger.info(line, 'Clientele stopped');
  else logger.error(line, 'Clientele stopped');
  logger.flush();
  return exitCode;
}

const sinceMs = (from: number) => Math.round(performance.now() - from);

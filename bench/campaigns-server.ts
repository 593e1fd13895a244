import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The real `clientele serve` in a child process, so the memory measured and the process
 * killed with -9 are the server's own. Its URL is read from its start line; its stdout
 * is drained all the time (a full pipe would stall it).
 */
export type ServerChild = {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<void>;
  /** Resident memory now, and the kernel's high-water mark (VmHWM), in bytes. */
  memory: () => { rss: number; peak: number } | null;
  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs: () => number | null;
  /** The end of stderr and the server's warnings and errors, to explain a failure. */
  stderr: () => string;
};

const main = join(import.meta.dirname, '../src/cli/main.ts');

export function spawnServer(env: Record<string, string>): ServerChild {
  // e.g. BENCH_CAMPAIGNS_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the sender
  const nodeArgs = (process.env.BENCH_CAMPAIGNS_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', main, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CLIENTELE_DEMO: 'false',
      CLIENTELE_SIGN_IN_LIMIT: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line) as { url?: unknown; level?: number };
        if (typeof parsed.url === 'string') resolve(parsed.url);
        // pino: 40 warn, 50 error
        if ((parsed.level ?? 0) >= 40) stderr = (stderr + line + '\n').slice(-20_000);
      }
    });
    void exited.then(() => reject(new Error(`server exited before serving: ${stderr}`)));
  });
  return {
    child,
    url,
    exited,
    memory: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
        return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
      } catch {
        return null;
      }
    },
    cpuMs: () => {
      try {
        // After the command name in parentheses: field 14 utime, 15 stime, in clock ticks.
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
      } catch {
        return null;
      }
    },
    stderr: () => stderr,
  };
}

/** USER_HZ: 100 on every Linux Node runs on. */
const clockTicks = 100;

/** Samples a server's memory every `everyMs`; the peak includes the kernel's high-water mark. */
export function watchMemory(server: ServerChild, everyMs = 250) {
  let peak = 0;
  const sample = () => {
    const memory = server.memory();
    // A process being reaped has no memory lines left: NaN, not a reading.
    if (memory) peak = Math.max(peak, memory.rss || 0, memory.peak || 0);
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    /** Stops sampling (after one last reading) and answers the peak in bytes. */
    stop: () => {
      sample();
      clearInterval(timer);
      return peak;
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/** The only address the harness uses, for every server and client. */
export const HOST = '127.0.0.1';

/** A port free on 127.0.0.1 at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('Could not find a free port'));
      });
    });
  });
}

/** The promise's value, or an error naming `what` once `ms` have passed. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Things to undo, last registered first. Once `run` has started, anything registered meanwhile is
 * undone too before it returns. Each step is bounded in time, and a failing step does not stop
 * the others.
 */
export class Cleanup {
  private readonly steps: { name: string; undo: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  add(name: string, undo: () => Promise<void>): void {
    this.steps.push({ name, undo });
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  run(): Promise<void> {
    this.running ??= this.drain();
    return this.running;
  }

  private async drain(): Promise<void> {
    // At most a few dozen steps are ever registered; the bound only guards against a bug.
    for (let i = 0; i < 1000; i++) {
      const step = this.steps.pop();
      if (step === undefined) return;
      try {
        await withTimeout(step.undo(), 30_000, `Cleanup: ${step.name}`);
      } catch (error) {
        console.error(`Cleanup: ${step.name} failed: ${errorText(error)}`);
      }
    }
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A child process whose stderr is kept (the last 8 KiB) for error messages. */
export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves when the process has exited, whatever the reason. */
  exited: Promise<void>;
  stderrTail(): string;
}

const STDERR_TAIL_BYTES = 8192;

/**
 * Starts `node <script>` with exactly this environment. stdout goes to /dev/null (the app's
 * request log is part of its cost, but nobody reads it here); stderr is kept for diagnostics.
 * An IPC channel lets a child that watches for it notice when the harness dies.
 */
export function startNode(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  options: { ipc?: boolean } = {},
): Child {
  const child = spawn(process.execPath, [script], {
    cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe', ...(options.ipc === true ? (['ipc'] as const) : [])],
  });
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL_BYTES);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      tail += `\n${errorText(error)}`;
      resolve();
    });
  });
  return { name, process: child, exited, stderrTail: () => tail.trim() };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  if (child.process.pid === undefined || hasExited(child.process)) return;
  child.process.kill('SIGTERM');
  try {
    await withTimeout(child.exited, graceMs, `Stopping ${child.name}`);
  } catch {
    console.error(`${child.name} did not stop within ${graceMs} ms of SIGTERM: killing it`);
    child.process.kill('SIGKILL');
    await withTimeout(child.exited, 5_000, `Killing ${child.name}`);
  }
}

/**
 * Polls `url` until it answers 200, failing if the child exits first or `timeoutMs` pass.
 */
export async function waitForHttp(url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  // Bounded by the deadline; each attempt is bounded by its own timeout.
  while (Date.now() < deadline) {
    if (hasExited(child.process)) {
      throw new Error(
        `${child.name} exited (code ${child.process.exitCode ?? child.process.signalCode}) before ${url} answered.\n${child.stderrTail()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = errorText(error);
    }
    await sleep(200);
  }
  throw new Error(
    `${url} did not answer 200 within ${timeoutMs} ms (${last}).\n${child.stderrTail()}`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster's process id from its data directory, while it has one. */
export function postmasterPid(databaseDir: string): number | undefined {
  const file = `${databaseDir}/postmaster.pid`;
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Waits for a process that was asked to stop to be gone; after `graceMs` sends SIGKILL. Used for
 * the PostgreSQL server, which may already have received SIGINT from the terminal.
 */
export async function waitForPidGone(pid: number, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (!isAlive(pid)) return;
  console.error(`Process ${pid} did not stop within ${graceMs} ms: killing it`);
  process.kill(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (isAlive(pid) && Date.now() < killDeadline) await sleep(100);
}

// Headless Chromium driven over the Chrome DevTools Protocol on a pipe (--remote-debugging-pipe: commands written to
// the browser's fd 3, answers and events read from its fd 4, each message a JSON text ended by a NUL byte). No
// WebSocket and no npm dependency: Node 20 has neither a WebSocket client by default nor puppeteer here.
//
// Why not `chromium --headless --dump-dom --virtual-time-budget=…`: virtual time stands still while a request is in
// flight, and the UI's page of a running workflow keeps one open (the history long poll, `waitNewEvent=true`), so the
// budget never runs out and Chromium never dumps (or screenshots before the app has rendered: a blank page). The UI
// also renders user metadata inside iframes, which a DOM dump leaves out. Real time, polling the rendered text of the
// page and its frames, has neither problem.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Splits what came from the pipe into whole messages; `rest` is the start of one not yet complete. */
export function splitMessages(buffer: string): { messages: string[]; rest: string } {
  const parts = buffer.split('\0');
  return { messages: parts.slice(0, -1).filter((m) => m !== ''), rest: parts.at(-1) ?? '' };
}

export function chromiumArgs(userDataDir: string, asRoot: boolean): string[] {
  return [
    '--headless',
    '--remote-debugging-pipe',
    `--user-data-dir=${userDataDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-gpu',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-sync',
    '--window-size=1600,1000',
    // Chromium refuses to run as root with its sandbox on
    ...(asRoot ? ['--no-sandbox'] : []),
    'about:blank',
  ];
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export class Browser {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  private exited: Error | undefined;
  private stderrTail = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly userDataDir: string,
  ) {
    const fromBrowser = child.stdio[4] as Readable;
    let buffer = '';
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => {
      const { messages, rest } = splitMessages(buffer + chunk);
      buffer = rest;
      for (const text of messages) this.receive(JSON.parse(text) as Message);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (this.stderrTail = (this.stderrTail + chunk).slice(-2000)));
    child.once('exit', (code, signal) => this.fail(new Error(`Chromium exited (${signal ?? code}) ${this.stderrTail.trim().split('\n').slice(-3).join(' | ')}`)));
    child.once('error', (e) => this.fail(e));
    (child.stdio[3] as Writable).on('error', (e) => this.fail(e));
    fromBrowser.on('error', (e) => this.fail(e));
  }

  /** Starts Chromium with a throw-away profile; rejects when it cannot be started. */
  static async launch(executable: string): Promise<Browser> {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'huiying-ui-check-'));
    const child = spawn(executable, chromiumArgs(userDataDir, process.getuid?.() === 0), { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    const browser = new Browser(child, userDataDir);
    try {
      await browser.send('Browser.getVersion');
    } catch (e) {
      await browser.close();
      throw e;
    }
    return browser;
  }

  private receive(m: Message): void {
    if (m.id === undefined) return; // an event: nothing here waits for one
    const waiter = this.pending.get(m.id);
    if (!waiter) return;
    this.pending.delete(m.id);
    if (m.error) waiter.reject(new Error(m.error.message));
    else waiter.resolve(m);
  }

  private fail(e: Error): void {
    this.exited ??= e;
    for (const w of this.pending.values()) w.reject(e);
    this.pending.clear();
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(this.exited);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (m) => resolve(m.result ?? {}), reject });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** A new tab; `beforeScripts` run in every document it loads, before the page's own scripts. */
  async newPage(beforeScripts: string[] = []): Promise<Page> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await this.send('Page.enable', {}, sessionId);
    for (const source of beforeScripts) await this.send('Page.addScriptToEvaluateOnNewDocument', { source }, sessionId);
    return new Page(this, sessionId);
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null || this.exited) resolve();
      else this.child.once('exit', () => resolve());
    });
    const within = (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    void this.send('Browser.close').catch(() => undefined);
    if (!(await within(5000))) {
      this.child.kill('SIGKILL');
      await within(5000);
    }
    // the profile only once Chromium is gone: it writes there until it exits
    rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

export class Page {
  constructor(
    private readonly browser: Browser,
    private readonly sessionId: string,
  ) {}

  async goto(url: string): Promise<void> {
    const r = (await this.browser.send('Page.navigate', { url }, this.sessionId)) as { errorText?: string };
    if (r.errorText) throw new Error(`cannot load ${url}: ${r.errorText}`);
  }

  /** The value of a page expression (JSON-serialisable). */
  async evaluate<T>(expression: string): Promise<T> {
    const r = (await this.browser.send('Runtime.evaluate', { expression, returnByValue: true }, this.sessionId)) as {
      result?: { value?: T };
      exceptionDetails?: { text?: string };
    };
    if (r.exceptionDetails) throw new Error(`page expression failed: ${r.exceptionDetails.text ?? 'exception'}`);
    return r.result?.value as T;
  }

  /**
   * Evaluates `expression` every `intervalMs` until `done` accepts its value or `timeoutMs` passes; returns the last
   * value and whether it was accepted.
   */
  async waitFor<T>(expression: string, done: (value: T) => boolean, timeoutMs: number, intervalMs = 250): Promise<{ ok: boolean; value: T | undefined; ms: number }> {
    const started = Date.now();
    let value: T | undefined;
    for (;;) {
      value = await this.evaluate<T>(expression).catch(() => undefined);
      if (value !== undefined && done(value)) return { ok: true, value, ms: Date.now() - started };
      if (Date.now() - started >= timeoutMs) return { ok: false, value, ms: Date.now() - started };
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

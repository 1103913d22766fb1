// Issue 13, defect 17: a credential helper's timeout was no bound. A helper whose background child
// kept stdout open was waited for until that child ended (20 s for a 3 s timeout, while the log said
// 3000 ms), and an answer printed at once was thrown away when the child lingered. The helper now
// leads its own process group, its answer is taken when it exits, and the whole group is killed then
// and at the timeout or a cancel. Real `#!/bin/sh` helpers in a temp folder; POSIX only.
import assert from 'node:assert/strict';
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCredentialHelper } from '../../../src/core/registry/credentials/helper';

const TIMEOUT_MS = 2000;
/** What an answer or a timeout may take beyond the timeout: the brief's ~timeout + 1 s. */
const SLACK_MS = 1000;

/** The processes of a group, zombies left out (they are dead; only their parent may reap them). */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone while looking
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp …
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(entry));
  }
  return members;
}

/** Whether a process is alive (a zombie is not). */
function alive(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z /s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Waits for a state, checking every 20 ms, up to a generous bound. */
async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The promise, or a failure once it has been pending for `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

(process.platform === 'win32' ? describe.skip : describe)(
  'credential helpers are bounded by their process group (unit, real processes)',
  function () {
    this.timeout(20_000);
    let dir: string;
    const env = () => ({ PATH: `${dir}${path.delimiter}${process.env.PATH}` });
    const pids = (name: string) =>
      fs
        .readFileSync(path.join(dir, `${name}.pids`), 'utf8')
        .trim()
        .split(/\s+/)
        .map(Number);

    /** `docker-credential-<name>`: a shell script that notes `$$` and its background child's pid. */
    function helper(name: string, body: string[]): void {
      const file = path.join(dir, `docker-credential-${name}`);
      const pidFile = path.join(dir, `${name}.pids`);
      fs.writeFileSync(
        file,
        ['#!/bin/sh', 'read -r server', 'sleep 60 &', `echo $$ $! > '${pidFile}'`, ...body, ''].join('\n'),
      );
      fs.chmodSync(file, 0o755);
    }

    // execa is imported on the first call: not a cost for the timings below to carry.
    before(() => runCredentialHelper('not-installed-xyz', 'ghcr.io'));

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-helper-bound-'));
      // answers at once and exits; its `sleep 60` keeps stdout open
      helper('lingers', [`printf '%s\\n' '{"ServerURL":"x","Username":"u","Secret":"s"}'`, 'exit 0']);
      // never answers: waits on its `sleep 60`, which keeps stdout open too
      helper('hangs', ['wait']);
      // ignores SIGTERM, and its child too
      helper('stubborn', ["trap '' TERM", 'wait']);
    });

    afterEach(() => {
      // Whatever a failing run left behind.
      for (const name of ['lingers', 'hangs', 'stubborn']) {
        if (!fs.existsSync(path.join(dir, `${name}.pids`))) continue;
        for (const pid of pids(name)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // gone already
          }
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('takes the answer when the helper exits, though a child of it holds stdout, and ends that child', async () => {
      const started = Date.now();
      const result = await within(
        runCredentialHelper('lingers', '127.0.0.1:5000', { timeoutMs: TIMEOUT_MS, env: env() }),
        TIMEOUT_MS + SLACK_MS,
      );
      assert.deepEqual(result, { found: true, credential: { kind: 'password', username: 'u', password: 's' } });
      assert.ok(Date.now() - started < TIMEOUT_MS, `took ${Date.now() - started} ms: the answer waited for the child`);
      const [shell, child] = pids('lingers');
      await until('the background child is gone', () => !alive(child));
      await until("the helper's group is empty", () => groupMembers(shell).length === 0);
    });

    it('gives up at the timeout on a helper that hangs, and kills its whole group', async () => {
      const started = Date.now();
      const result = await within(
        runCredentialHelper('hangs', '127.0.0.1:5000', { timeoutMs: TIMEOUT_MS, env: env() }),
        TIMEOUT_MS + SLACK_MS,
      );
      const took = Date.now() - started;
      assert.deepEqual(result, {
        found: false,
        reason: `docker-credential-hangs did not answer within ${TIMEOUT_MS} ms`,
      });
      assert.ok(took >= TIMEOUT_MS - 50 && took < TIMEOUT_MS + SLACK_MS, `took ${took} ms`);
      const [shell, child] = pids('hangs');
      await until('the helper and its child are gone', () => !alive(shell) && !alive(child));
      await until("the helper's group is empty", () => groupMembers(shell).length === 0);
    });

    it('kills a helper that ignores SIGTERM at the timeout all the same', async () => {
      const result = await within(
        runCredentialHelper('stubborn', 'ghcr.io', { timeoutMs: TIMEOUT_MS, env: env() }),
        TIMEOUT_MS + SLACK_MS,
      );
      assert.equal(result.found, false);
      const [shell, child] = pids('stubborn');
      await until('the helper and its child are gone', () => !alive(shell) && !alive(child));
    });

    it('many helpers at once share one exit listener, gone after the last', async () => {
      const file = path.join(dir, 'docker-credential-many');
      fs.writeFileSync(
        file,
        ['#!/bin/sh', 'read -r server', `echo $$ >> '${path.join(dir, 'many.pids')}'`, 'sleep 60 & wait', ''].join(
          '\n',
        ),
      );
      fs.chmodSync(file, 0o755);
      const before = process.listenerCount('exit');
      const controller = new AbortController();
      setMaxListeners(20, controller.signal); // one signal for all twelve, on purpose
      const asking = Promise.all(
        Array.from({ length: 12 }, () =>
          runCredentialHelper('many', 'ghcr.io', { timeoutMs: 60_000, env: env(), signal: controller.signal }),
        ),
      );
      const started = () =>
        fs.existsSync(path.join(dir, 'many.pids'))
          ? fs.readFileSync(path.join(dir, 'many.pids'), 'utf8').trim().split('\n').map(Number)
          : [];
      await until('all twelve started', () => started().length === 12);
      assert.equal(process.listenerCount('exit'), before + 1);
      controller.abort();
      assert.ok((await within(asking, SLACK_MS)).every((r) => !r.found));
      assert.equal(process.listenerCount('exit'), before);
      for (const pid of started())
        await until(`helper ${pid} is gone`, () => !alive(pid) && groupMembers(pid).length === 0);
    });

    it('stops a hanging helper and its group when the caller cancels', async () => {
      const controller = new AbortController();
      const asking = runCredentialHelper('hangs', '127.0.0.1:5000', {
        timeoutMs: 60_000,
        env: env(),
        signal: controller.signal,
      });
      await until(
        'the helper started',
        () => fs.existsSync(path.join(dir, 'hangs.pids')) && pids('hangs').length === 2,
      );
      controller.abort();
      assert.deepEqual(await within(asking, SLACK_MS), {
        found: false,
        reason: 'docker-credential-hangs was cancelled',
      });
      const [shell, child] = pids('hangs');
      await until('the helper and its child are gone', () => !alive(shell) && !alive(child));
    });
  },
);

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand as run, CommandStartError, type OutputChunk, type RunOptions } from '../../../src/core/builds';

/** A node process running `script`: a real process, so streaming and killing are real too. */
const node = (script: string, env: Record<string, string> = {}) => ({
  command: process.execPath,
  args: ['-e', script],
  env,
});

function alive(pid: number): boolean {
  try {
    const state = /^State:\s+(\S)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return state !== 'Z';
  } catch {
    return false;
  }
}

// The runner reads output from unlinked temporary files, or from pipes where it can't make them
// (here: no folder to try). Every test runs both ways.
for (const mode of ['files', 'pipes'] as const)
  describe(`runCommand (unit, real processes), output through ${mode}`, () => {
    const runCommand = (command: Parameters<typeof run>[0], options: RunOptions = {}) =>
      run(command, mode === 'pipes' ? { ...options, outputFolders: [] } : options);

    it('streams each chunk while the process still runs, colours kept, and returns the exit code', async () => {
      // the child writes its second chunk and ends only once the test has received the first
      const received = path.join(os.tmpdir(), `dockwright-runner-${process.pid}-${mode}`);
      fs.rmSync(received, { force: true });
      const script = `const fs = require('fs');
        process.stdout.write('\\x1b[32mgreen\\x1b[0m\\n');
        const deadline = Date.now() + 60000;
        const wait = () => fs.existsSync(${JSON.stringify(received)}) ? (process.stderr.write('late\\n'), process.exit(3))
          : Date.now() > deadline ? process.exit(4) : setTimeout(wait, 10);
        wait();`;
      const chunks: OutputChunk[] = [];
      try {
        const result = await runCommand(node(script), {
          onOutput: (chunk) => {
            chunks.push(chunk);
            fs.writeFileSync(received, '');
          },
        });
        assert.equal(result.exitCode, 3, 'exit 4: the first chunk did not arrive while the process ran');
        assert.equal(result.cancelled, false);
        assert.deepEqual(chunks, [
          { stream: 'stdout', text: '\x1b[32mgreen\x1b[0m\n' },
          { stream: 'stderr', text: 'late\n' },
        ]);
      } finally {
        fs.rmSync(received, { force: true });
      }
    });

    // Node's pipes to a child are a socket pair
    it(`hands the child ${mode === 'files' ? 'regular files' : 'pipes'} as stdout and stderr`, async () => {
      let out = '';
      await runCommand(
        node(
          'const fs = require("fs"); process.stdout.write([1, 2].map((fd) => fs.fstatSync(fd).isFile() ? "file" : fs.fstatSync(fd).isSocket() ? "socket" : "other").join(" "))',
        ),
        { onOutput: (c) => (out += c.text) },
      );
      assert.equal(out, mode === 'files' ? 'file file' : 'socket socket');
    });

    it('passes the command environment on top of the inherited one', async () => {
      let out = '';
      await runCommand(
        node('process.stdout.write(`${process.env.DOCKER_HOST}|${typeof process.env.PATH}`)', {
          DOCKER_HOST: 'unix:///x.sock',
        }),
        { onOutput: (c) => (out += c.text) },
      );
      assert.equal(out, 'unix:///x.sock|string');
    });

    it('feeds stderr through the progress parser and reports the failure', async () => {
      const lines = [
        '#1 [1/2] FROM docker.io/local/busybox:1',
        '#1 DONE 0.0s',
        '#2 [2/2] RUN false',
        '#2 ERROR: exit code: 1',
        '------',
        ' > [2/2] RUN false:',
        '------',
        'executor failed: exit code: 1',
      ];
      const events: string[] = [];
      const result = await runCommand(
        {
          ...node(`process.stderr.write(${JSON.stringify(lines.join('\n') + '\n')}); process.exit(1)`),
          progress: 'plain',
        },
        { onProgress: (e) => events.push(e.type === 'step' ? `${e.step.instruction}:${e.step.state}` : e.type) },
      );
      assert.equal(result.exitCode, 1);
      assert.equal(result.failure?.message, 'executor failed: exit code: 1');
      assert.equal(result.failure?.step?.instruction, 'RUN false');
      assert.deepEqual(events, [
        'FROM docker.io/local/busybox:1:running',
        'FROM docker.io/local/busybox:1:done',
        'RUN false:running',
        'RUN false:error',
        'failure',
      ]);
    });

    it("puts podman's lines together per stream: a stderr line between the halves of a stdout line does not split it", async () => {
      const script = [
        `process.stdout.write('STEP 1/2: FROM local/busybox:1\\nSTEP 2/2: RUN echo hel');`,
        `setTimeout(() => process.stderr.write('WARN[0000] a warning on stderr\\n'), 100);`,
        `setTimeout(() => process.stdout.write('lo\\nhello\\n--> 0123456789ab\\n'), 200);`,
      ].join(' ');
      const result = await runCommand({ ...node(script), progress: 'podman' });
      assert.equal(result.exitCode, 0);
      const run = result.progress.steps.find((s) => s.index === 2);
      assert.equal(run?.instruction, 'RUN echo hello');
      assert.equal(run?.state, 'done');
      assert.deepEqual(run?.logs, ['hello']);
    });

    it('ends the whole process tree on abort, within 2 s, even a child that ignores SIGTERM', async () => {
      const pidFile = `/tmp/dockwright-runner-test-${process.pid}.pid`;
      // the child ignores SIGTERM, as a stuck plugin might; only the group SIGKILL ends it
      const child = `process.on('SIGTERM', () => {}); require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); console.log('child ready'); setInterval(() => {}, 1000);`;
      const parent = `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: 'inherit' }); setInterval(() => {}, 1000);`;
      const controller = new AbortController();
      let leader = 0;
      let abortedAt = 0;
      const result = await runCommand(node(parent), {
        signal: controller.signal,
        onStart: (pid) => (leader = pid),
        onOutput: (chunk) => {
          if (!chunk.text.includes('child ready')) return;
          abortedAt = Date.now();
          controller.abort();
        },
      });
      const grandchild = Number(fs.readFileSync(pidFile, 'utf8'));
      fs.rmSync(pidFile, { force: true });
      assert.equal(result.cancelled, true);
      assert.equal(result.exitCode, 128 + 15);
      assert.ok(leader > 0 && !alive(leader), 'the leader is gone');
      for (let i = 0; i < 20 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(!alive(grandchild), `the grandchild ${grandchild} is gone`);
      const treeEndedIn = Date.now() - abortedAt;
      assert.ok(abortedAt > 0 && treeEndedIn <= 2000, `the whole tree ended ${treeEndedIn} ms after the abort`);
    });

    it('does not start when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const result = await runCommand(node('require("fs").writeFileSync("/tmp/should-not-exist", "x")'), {
        signal: controller.signal,
      });
      assert.equal(result.cancelled, true);
      assert.equal(fs.existsSync('/tmp/should-not-exist'), false);
    });

    it('says clearly when the binary is missing', async () => {
      await assert.rejects(
        runCommand({ command: '/nonexistent/docker', args: ['build', '.'], env: {} }),
        (e: unknown) => {
          assert.ok(e instanceof CommandStartError);
          assert.equal(e.message, "Could not start '/nonexistent/docker': not found.");
          return true;
        },
      );
    });
  });

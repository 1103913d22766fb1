// The editor's size limit, decided without vscode: the same as dockwright lint's (issue 13, item 21).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_DOCKERFILE_BYTES, readRegularFile } from '../../../src/core/files';
import { overSizeLimit, sizeLimitMessage, SizeNotices } from '../../../src/vscode/lint/sizeLimit';

describe("the editor's size limit for linting a document (unit)", () => {
  const over = (text: string) => overSizeLimit(text.length, () => text);

  it("is over MAX_DOCKERFILE_BYTES of UTF-8, counted as the CLI counts a file's bytes", () => {
    assert.equal(MAX_DOCKERFILE_BYTES, 256 * 1024);
    assert.equal(over('a'.repeat(MAX_DOCKERFILE_BYTES)), false);
    assert.equal(over('a'.repeat(MAX_DOCKERFILE_BYTES + 1)), true);
    assert.equal(over('é'.repeat(MAX_DOCKERFILE_BYTES / 2)), false, '2 bytes each: exactly the limit');
    assert.equal(over('é'.repeat(MAX_DOCKERFILE_BYTES / 2) + 'a'), true);
    assert.equal(over('😀'.repeat(MAX_DOCKERFILE_BYTES / 4) + 'a'), true, '4 bytes for 2 code units');
    assert.equal(over('€'.repeat(Math.floor(MAX_DOCKERFILE_BYTES / 3))), false);
  });

  it('agrees with what dockwright lint refuses to read, on the same text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-size-'));
    try {
      for (const text of [
        'FROM alpine\n'.padEnd(MAX_DOCKERFILE_BYTES, '#'),
        'FROM alpine\n'.padEnd(MAX_DOCKERFILE_BYTES + 1, '#'),
        `FROM alpine\n# ${'ü'.repeat(MAX_DOCKERFILE_BYTES / 2)}`,
      ]) {
        const file = path.join(dir, 'Dockerfile');
        fs.writeFileSync(file, text);
        const cliRefuses = 'error' in readRegularFile(file, MAX_DOCKERFILE_BYTES);
        assert.equal(over(text), cliRefuses, `${Buffer.byteLength(text)} bytes`);
        if (cliRefuses)
          assert.match((readRegularFile(file, MAX_DOCKERFILE_BYTES) as { error: string }).error, /larger than 256 KiB/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks for the text only when the length cannot tell', () => {
    let asked = 0;
    const text = () => (asked++, '');
    assert.equal(overSizeLimit(50 * MAX_DOCKERFILE_BYTES, text), true);
    assert.equal(overSizeLimit(Math.floor(MAX_DOCKERFILE_BYTES / 3), text), false);
    assert.equal(asked, 0, 'a document far over, or well under, is not copied out');
    overSizeLimit(MAX_DOCKERFILE_BYTES / 2, text);
    assert.equal(asked, 1);
  });

  it('says why once a document, not on each keystroke; again after it fitted, or was closed', () => {
    const notices = new SizeNotices();
    const told = (key: string, tooLarge: boolean) => notices.shouldTell(key, tooLarge);
    assert.deepEqual([told('a', true), told('a', true), told('a', true)], [true, false, false]);
    assert.equal(told('b', true), true, 'each document once');
    assert.deepEqual([told('a', false), told('a', true)], [false, true]);
    notices.forget('b');
    assert.equal(told('b', true), true);
    assert.equal(told('c', false), false, 'nothing to say of a document that fits');
    assert.match(
      sizeLimitMessage('api/Dockerfile'),
      /^api\/Dockerfile is larger than 256 KiB: Dockwright does not lint it/,
    );
  });
});

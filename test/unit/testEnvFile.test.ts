import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTestEnvFile, parseExportLine, parseTestEnv, testEnvFilePath } from '../../scripts/lib/testEnvFile.cjs';

describe('the test environment env file (scripts/lib/testEnvFile.cjs)', () => {
  // line → [name, value], or undefined when the line sets nothing
  const cases: [string, [string, string] | undefined][] = [
    // as scripts/test-env/setup.sh writes them
    [
      'export DOCKER_HOST=unix:///tmp/dockwright-test-env/docker.sock',
      ['DOCKER_HOST', 'unix:///tmp/dockwright-test-env/docker.sock'],
    ],
    ['export TEST_REGISTRY=127.0.0.1:5000', ['TEST_REGISTRY', '127.0.0.1:5000']],
    ['export DOCKER_BUILDKIT=1', ['DOCKER_BUILDKIT', '1']],
    // quoting, as a shell reads it
    ["export TEST_BASE_IMAGE='local/busybox:1'", ['TEST_BASE_IMAGE', 'local/busybox:1']],
    ["export DOCKER_CONFIG='/tmp/a folder/docker config'", ['DOCKER_CONFIG', '/tmp/a folder/docker config']],
    ['export DOCKER_CONFIG="/tmp/a folder/docker config"', ['DOCKER_CONFIG', '/tmp/a folder/docker config']],
    ['export DOCKER_CONFIG=/tmp/a\\ folder', ['DOCKER_CONFIG', '/tmp/a folder']],
    ["export A='it'\\''s'", ['A', "it's"]],
    ['export A="say \\"hi\\" \\\\ \\n"', ['A', 'say "hi" \\ \\n']],
    ["export A='$HOME \\n'", ['A', '$HOME \\n']],
    ['export A=x"y z"\'w\'', ['A', 'xy zw']],
    ['export A=', ['A', '']],
    ["export A=''", ['A', '']],
    ['  export A=b  ', ['A', 'b']],
    ['export A=b # the registry', ['A', 'b']],
    ['export A=b=c', ['A', 'b=c']],
    // lines that are not such an export
    ['', undefined],
    ['# export A=b', undefined],
    ['A=b', undefined],
    ['echo export A=b', undefined],
    ['export A', undefined],
    ['export a=b', undefined],
    ['export 1A=b', undefined],
    ["export A='open", undefined],
    ['export A="open', undefined],
    ['export A=b c', undefined],
  ];
  for (const [line, expected] of cases) {
    it(`${JSON.stringify(line)} → ${expected ? JSON.stringify(expected[1]) : 'nothing'}`, () => {
      assert.deepEqual(parseExportLine(line), expected);
    });
  }

  it('reads every export of a file, CRLF too, a later line winning', () => {
    const text = "# written by setup.sh\r\nexport A=1\r\nexport B='two words'\r\nexport A=3\r\n";
    assert.deepEqual(parseTestEnv(text), { A: '3', B: 'two words' });
  });

  it('is env.sh in DOCKWRIGHT_TEST_BASE, or in /tmp/dockwright-test-env when that is unset or empty', () => {
    assert.equal(testEnvFilePath({ DOCKWRIGHT_TEST_BASE: '/srv/env' }), path.join('/srv/env', 'env.sh'));
    assert.equal(testEnvFilePath({}), path.join('/tmp/dockwright-test-env', 'env.sh'));
    assert.equal(testEnvFilePath({ DOCKWRIGHT_TEST_BASE: '' }), path.join('/tmp/dockwright-test-env', 'env.sh'));
  });

  it('loads into an environment, keeping what is set unless told to override, and says when there is no file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-env-file-'));
    try {
      const file = path.join(dir, 'env.sh');
      fs.writeFileSync(file, "export TEST_REGISTRY=127.0.0.1:5000\nexport DOCKER_HOST='unix:///x y.sock'\n");
      const env: NodeJS.ProcessEnv = { TEST_REGISTRY: 'mine:1' };
      assert.equal(loadTestEnvFile({ file, env }), true);
      assert.deepEqual(env, { TEST_REGISTRY: 'mine:1', DOCKER_HOST: 'unix:///x y.sock' });
      assert.equal(loadTestEnvFile({ file, env, override: true }), true);
      assert.equal(env.TEST_REGISTRY, '127.0.0.1:5000');
      const untouched: NodeJS.ProcessEnv = {};
      assert.equal(loadTestEnvFile({ file: path.join(dir, 'missing.sh'), env: untouched }), false);
      assert.deepEqual(untouched, {});
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

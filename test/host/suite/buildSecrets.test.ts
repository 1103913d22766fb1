// What Build Image… and Build and Push… ask and remember per Dockerfile, answered through the
// workbench as a person would: a build secret chosen from an environment variable goes to the
// engine by the variable's name (its value in no output and in no prompt), and the next build
// offers to keep where it came from; the platforms given to Build and Push… are offered again
// next time. (That a secret reaches RUN and stays out of the image is tested on the engine itself,
// in test/integration/build: the commands set no network, and the test engine has no bridge for a
// RUN to use.)
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { removeImage, runAnswering, useRealEngine, workspaceUri } from './helpers';
import { QUICK_INPUT_BOX, quickInputTitled, requireUi, ui } from './ui';
import { skipOrFail } from '../../support/skipOrFail';

describe('what the build commands remember (real VS Code, real engine)', function () {
  this.timeout(240_000);
  useRealEngine();

  before(function () {
    requireUi(this);
  });

  it('a secret from an environment variable goes to the engine by name, is never shown, and is offered again by where it came from', async () => {
    const variable = 'DOCKWRIGHT_TEST_API_TOKEN';
    const value = `s3cret-${randomBytes(8).toString('hex')}`;
    const dockerfile = workspaceUri('build', 'secret.Dockerfile');
    const image = `dockwright-secret-test:${Date.now().toString(36)}`;
    // the build's processes start from this extension host, so they see the variable
    process.env[variable] = value;
    // the stage that mounts the secret is not the one built (BuildKit skips it), so no RUN runs
    await vscode.workspace.fs.writeFile(
      dockerfile,
      Buffer.from(
        'FROM local/busybox:1 AS publish\nRUN --mount=type=secret,id=api_token cat /run/secrets/api_token\n\nFROM local/busybox:1\nCOPY message.txt /message.txt\n',
      ),
    );
    try {
      const { end } = await runAnswering('dockwright.buildImage', dockerfile, () =>
        ui('secret-from-env', [
          quickInputTitled('Image tag'),
          { press: 'Control+A' },
          { type: image },
          { press: 'Enter' },
          quickInputTitled("Build secret 'api_token'"),
          { type: 'environment' }, // filters the choices down to "From an environment variable…"
          { press: 'Enter' },
          quickInputTitled("Variable holding secret 'api_token'"),
          { press: 'Control+A' },
          { type: variable },
          { press: 'Enter' },
        ]),
      );
      assert.ok(end, 'the build started');
      assert.equal(end.exitCode, 0, end.output);
      assert.match(end.output, new RegExp(`--secret id=api_token,env=${variable}\\b`));
      assert.ok(!end.output.includes(value), 'the value is in no output');

      const again = await runAnswering('dockwright.buildImage', dockerfile, () =>
        ui('secret-kept', [
          quickInputTitled('Image tag'),
          { press: 'Enter' },
          quickInputTitled("Build secret 'api_token'"),
          { read: '.quick-input-list .monaco-list-row', text: 'Keep:' },
          { press: 'Escape' },
        ]),
      );
      assert.equal(again.end, undefined, 'Escape at a prompt starts no build');
      assert.match(again.answered[0], new RegExp(`Keep: \\$${variable}`), 'the next build offers the variable by name');
      assert.ok(!again.answered[0].includes(value));
    } finally {
      delete process.env[variable];
      await Promise.resolve(vscode.workspace.fs.delete(dockerfile)).catch(() => undefined);
      await removeImage(image);
    }
  });

  it('Build and Push… offers the platforms it was last given for that Dockerfile', async function () {
    const registry = process.env.TEST_REGISTRY;
    if (!registry) skipOrFail(this, 'TEST_REGISTRY is not set: start the registries with scripts/test-env/setup.sh');
    // a Dockerfile of its own: what this test leaves remembered must not meet the push tests' prompts
    const dockerfile = workspaceUri('build', 'platforms.Dockerfile');
    const image = `${registry}/dockwright-host-platforms:run-${Date.now().toString(36)}`;
    // the engine's own platform: the docker engine builds no other without emulation
    const platform = `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`;
    await vscode.workspace.fs.writeFile(
      dockerfile,
      Buffer.from('FROM local/busybox:1\nCOPY message.txt /message.txt\n'),
    );
    try {
      const first = await runAnswering('dockwright.buildAndPush', dockerfile, () =>
        ui('platforms-given', [
          quickInputTitled('Image tag'),
          { press: 'Control+A' },
          { type: image },
          { press: 'Enter' },
          quickInputTitled('Platforms'),
          { press: 'Control+A' },
          { type: platform },
          { press: 'Enter' },
          quickInputTitled('Sign the pushed image?'),
          { press: 'Enter' },
        ]),
      );
      assert.ok(first.end, 'the build started');
      assert.equal(first.end.exitCode, 0, first.end.output);
      assert.match(first.end.output, new RegExp(`--platform ${platform}\\b`));

      const again = await runAnswering('dockwright.buildAndPush', dockerfile, () =>
        ui('platforms-offered', [
          quickInputTitled('Image tag'),
          { press: 'Enter' },
          quickInputTitled('Platforms'),
          { read: QUICK_INPUT_BOX },
          { press: 'Escape' },
        ]),
      );
      assert.equal(again.end, undefined, 'Escape at a prompt starts no build');
      assert.deepEqual(again.answered, [platform]);
    } finally {
      await Promise.resolve(vscode.workspace.fs.delete(dockerfile)).catch(() => undefined);
      await removeImage(image);
    }
  });
});

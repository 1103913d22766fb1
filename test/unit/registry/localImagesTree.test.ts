// The Images root's rows from what an engine answers (the `vscode` module is a stand-in): one row
// per valid reference, untagged images and images whose names are not valid folded into one row,
// and one row for an engine that fails, whatever it printed.
import '../../support/fakeVscode';
import assert from 'node:assert/strict';
import type { Engine } from '../../../src/core/builds';
import { EngineUnavailableError, ImageCommandError } from '../../../src/core/images';
import { parseLocalImages } from '../../../src/core/images/localImages';
import type { CoreBundle } from '../../../src/vscode/coreBundle';
import type { BuiltFromRecord } from '../../../src/vscode/images/builtFrom';
import { IMAGES_ROOT, LocalImagesRoot, type LocalImageNode } from '../../../src/vscode/registry/localImagesTree';

const id = (digit: string) => `sha256:${digit.repeat(64)}`;
const image = (digit: string, tags: unknown[], created = `2026-12-0${digit}T00:00:00Z`) => ({
  Id: id(digit),
  RepoTags: tags,
  Size: 2_000_000,
  Created: created,
});

/** The root's rows as [kind, label, description] for an engine answering `answer` (or failing with it). */
async function rows(answer: unknown[] | Error, kind: Engine['kind'] = 'docker') {
  const engine: Engine = { kind, command: kind === 'podman' ? 'podman' : 'docker', env: {} };
  const listLocalImages = async () => {
    if (answer instanceof Error) throw answer;
    return parseLocalImages(JSON.stringify(answer));
  };
  const loadCore = async () => ({ localImages: { listLocalImages } }) as unknown as CoreBundle;
  const record = { origin: () => undefined } as unknown as BuiltFromRecord;
  const root = new LocalImagesRoot(async () => engine, loadCore, record);
  const children = await root.children(IMAGES_ROOT);
  const shown = (node: LocalImageNode) => {
    const item = root.treeItem(node);
    return [node.kind, item.label, item.description ?? ''];
  };
  const untagged = children.find((c) => c.kind === 'untagged');
  return {
    top: children.map(shown),
    untagged: untagged ? (await root.children(untagged)).map(shown) : [],
  };
}

describe("the Images root's rows (unit, stand-in vscode)", () => {
  const date = (digit: string) => new Date(`2026-12-0${digit}T00:00:00Z`).toLocaleString();
  const cases: [string, unknown[] | Error, { top: unknown[][]; untagged?: unknown[][] }, Engine['kind']?][] = [
    [
      'one row per reference, newest image first',
      [image('1', ['app:1']), image('2', ['app:2', 'app:latest'])],
      {
        top: [
          ['localImage', 'app:2', `2.0 MB · ${date('2')}`],
          ['localImage', 'app:latest', `2.0 MB · ${date('2')}`],
          ['localImage', 'app:1', `2.0 MB · ${date('1')}`],
        ],
      },
    ],
    [
      'untagged images folded into one row, by short ID',
      [image('1', ['app:1']), image('2', []), image('3', ['<none>:<none>'])],
      {
        top: [
          ['localImage', 'app:1', `2.0 MB · ${date('1')}`],
          ['untagged', 'Untagged', '2 · 4.0 MB'],
        ],
        untagged: [
          ['localImage', '333333333333', `2.0 MB · ${date('3')}`],
          ['localImage', '222222222222', `2.0 MB · ${date('2')}`],
        ],
      },
    ],
    [
      'a tag with control characters: the image is shown untagged, never the name',
      [image('1', ['app:1\u001b]52;c;aGk=\u0007'])],
      {
        top: [['untagged', 'Untagged', '1 · 2.0 MB']],
        untagged: [['localImage', '111111111111', `2.0 MB · ${date('1')}`]],
      },
    ],
    ['no image', [], { top: [['imagesMessage', 'No images in the engine yet', '']] }],
    [
      'Docker not answering',
      new EngineUnavailableError('the engine does not answer: Cannot connect to the Docker daemon'),
      {
        top: [
          ['imagesMessage', 'Docker does not answer: start it, or check DOCKER_HOST and dockwright.dockerPath', ''],
        ],
      },
    ],
    [
      'podman not answering',
      new EngineUnavailableError('the engine does not answer: connection refused'),
      { top: [['imagesMessage', 'Podman does not answer: start it, or check dockwright.podmanPath', '']] },
      'podman',
    ],
    [
      "another failure, its engine's controls escaped",
      new ImageCommandError('docker image ls failed: bad\u001b[2J'),
      { top: [['imagesMessage', 'docker image ls failed: bad\\u001b[2J', '']] },
    ],
  ];
  for (const [title, answer, expected, kind] of cases) {
    it(title, async () => {
      assert.deepEqual(await rows(answer, kind), { untagged: [], ...expected });
    });
  }
});

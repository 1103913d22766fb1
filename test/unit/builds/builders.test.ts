import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  BuilderError,
  checkBuilder,
  listBuilders,
  onBuilder,
  parseBuilderList,
  type Builder,
  type EngineCommand,
} from '../../../src/core/builds';
import { buildxMessage } from '../../../src/core/builds/query';

// `docker buildx ls` of buildx 0.13.1 (test/fixtures/builds/buildx-0.13/record-bake.sh): the
// default builder and a docker context `remote1`; then with no DOCKER_HOST, where the default
// builder cannot reach its daemon.
const recorded = (name: string) =>
  fs.readFileSync(path.resolve(__dirname, '../../fixtures/builds/buildx-0.13/builders-recorded', name), 'utf8');
const PLATFORMS = ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/amd64/v4'];
const running = (name: string, more: Partial<Builder> = {}): Builder => ({
  name,
  driver: 'docker',
  status: 'running',
  platforms: PLATFORMS,
  ...more,
});

describe('the builders buildx 0.13 lists (unit)', () => {
  const cases: [string, string, Builder[]][] = [
    [
      'JSON lines, each builder printed twice: each once',
      'ls.json.exit0.txt',
      [running('default'), running('remote1')],
    ],
    [
      'the table: the current builder marked',
      'ls.table.exit0.txt',
      [running('default', { current: true }), running('remote1')],
    ],
    [
      "JSON, a builder that cannot reach its daemon: buildx's error kept",
      'ls-unreachable.json.exit0.txt',
      [
        running('remote1'),
        {
          name: 'default',
          status: 'error',
          error: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
          platforms: [],
        },
      ],
    ],
    [
      'the table, the same',
      'ls-unreachable.table.exit0.txt',
      [running('remote1'), { name: 'default', status: 'error', platforms: [], current: true }],
    ],
  ];
  for (const [what, file, expected] of cases) {
    it(what, () => assert.deepEqual(parseBuilderList(recorded(file)), expected));
  }

  it('passes over entries that are not builders: bad JSON, a name with controls or one that reads as an option', () => {
    const lines = [
      '{"Name":"ok","Driver":"docker-container","Nodes":[{"Status":"inactive"}]}',
      '{"Name":"bad\\u001b[2J","Driver":"docker"}',
      '{"Name":"-f","Driver":"docker"}',
      '{"Name":7}',
      '["x"]',
      '{"Name": ',
      '{"Name":"odd","Driver":"x\\u202e","Nodes":[{"Platforms":["linux/arm64",3,"a\\u0007"]}]}',
    ];
    assert.deepEqual(parseBuilderList(lines.join('\n')), [
      { name: 'ok', driver: 'docker-container', status: 'inactive', platforms: [] },
      { name: 'odd', platforms: ['linux/arm64'] },
    ]);
    assert.deepEqual(parseBuilderList(''), []);
  });

  it("words an unknown builder with buildx's own message", () => {
    assert.equal(buildxMessage(recorded('inspect-unknown.exit1.txt')).message, 'no builder "nosuch" found');
  });

  it('refuses to ask an engine other than buildx, and a name that is no builder name, before running anything', async () => {
    const docker = { kind: 'docker' as const, command: '/nonexistent/docker', env: {} };
    await assert.rejects(
      listBuilders(docker),
      (e: Error) => e instanceof BuilderError && /docker engine has none/.test(e.message),
    );
    const buildx = { ...docker, kind: 'buildx' as const };
    await assert.rejects(
      checkBuilder(buildx, '--all'),
      (e: Error) => e instanceof BuilderError && /'--all' is not a builder name/.test(e.message),
    );
  });

  it("puts a docker context's builder on the docker CLI's --context, any other on buildx's --builder", () => {
    const command: EngineCommand = {
      command: 'docker',
      args: ['buildx', 'bake', '--file', 'f.hcl', '--', 'app'],
      env: {},
    };
    assert.deepEqual(onBuilder(command, { name: 'remote1', driver: 'docker' }).args, [
      '--context',
      'remote1',
      'buildx',
      'bake',
      '--file',
      'f.hcl',
      '--',
      'app',
    ]);
    assert.deepEqual(onBuilder(command, { name: 'ci', driver: 'docker-container' }).args, [
      'buildx',
      'bake',
      '--builder',
      'ci',
      '--file',
      'f.hcl',
      '--',
      'app',
    ]);
    assert.deepEqual(onBuilder(command, { name: 'ci' }).args.slice(2, 4), ['--builder', 'ci'], 'no driver: --builder');
  });
});

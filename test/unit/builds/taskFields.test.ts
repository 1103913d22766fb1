import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILD_SPEC_FIELDS, isRemoteContext, specFromTaskFields } from '../../../src/core/builds';

const FOLDER = '/work/space';
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { taskDefinitions: { type: string; properties: Record<string, unknown> }[] };
};

describe("a buildx task's fields as a build (unit)", () => {
  it('the task schema in package.json has every BuildSpec field, and nothing else', () => {
    const schema = manifest.contributes.taskDefinitions.find((d) => d.type === 'buildx');
    assert.ok(schema, 'package.json defines the buildx task type');
    assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(BUILD_SPEC_FIELDS).sort());
  });

  it("takes relative paths from the workspace folder and ~ from the home folder; the context defaults to the Dockerfile's folder", () => {
    const spec = specFromTaskFields(
      {
        dockerfile: 'api/Dockerfile',
        metadataFile: 'out/meta.json',
        iidFile: '~/iid',
        secrets: [
          { id: 'npm', src: '.npmrc' },
          { id: 'token', env: 'TOKEN' },
        ],
      },
      FOLDER,
    );
    assert.equal(spec.dockerfile, '/work/space/api/Dockerfile');
    assert.equal(spec.context, '/work/space/api');
    assert.equal(spec.metadataFile, '/work/space/out/meta.json');
    assert.equal(spec.iidFile, path.join(os.homedir(), 'iid'));
    assert.deepEqual(spec.secrets, [
      { id: 'npm', src: '/work/space/.npmrc' },
      { id: 'token', env: 'TOKEN' },
    ]);
    assert.equal(specFromTaskFields({}, FOLDER).context, FOLDER, 'no Dockerfile, no context: the workspace folder');
    assert.equal(specFromTaskFields({ dockerfile: 'Dockerfile', context: '/elsewhere' }, FOLDER).context, '/elsewhere');
  });

  it("makes the paths inside the engine's own values absolute: outputs, local caches and ssh keys", () => {
    const spec = specFromTaskFields(
      {
        outputs: [
          'out',
          '-',
          'type=local,dest=dist',
          'type=tar,dest=/abs/image.tar',
          'type=tar,dest=-',
          'type=image,push=true',
        ],
        cacheFrom: [
          'type=local,src=.cache',
          'type=registry,ref=registry.example.com/app:cache',
          'registry.example.com/app:cache',
        ],
        cacheTo: ['type=local,DEST=.cache,mode=max'],
        ssh: ['default', 'deploy=keys/id_ed25519,~/.ssh/id_rsa', 'agent=/run/ssh.sock'],
      },
      FOLDER,
    );
    assert.deepEqual(spec.outputs, [
      '/work/space/out',
      '-',
      'type=local,dest=/work/space/dist',
      'type=tar,dest=/abs/image.tar',
      'type=tar,dest=-',
      'type=image,push=true',
    ]);
    assert.deepEqual(spec.cacheFrom, [
      'type=local,src=/work/space/.cache',
      'type=registry,ref=registry.example.com/app:cache',
      'registry.example.com/app:cache',
    ]);
    assert.deepEqual(
      spec.cacheTo,
      ['type=local,DEST=/work/space/.cache,mode=max'],
      'keys in any case, as buildx reads them',
    );
    assert.deepEqual(spec.ssh, [
      'default',
      `deploy=/work/space/keys/id_ed25519,${path.join(os.homedir(), '.ssh/id_rsa')}`,
      'agent=/run/ssh.sock',
    ]);
  });

  it('leaves a remote context as the engine reads it, its Dockerfile a path inside it, and the other fields as they are', () => {
    for (const context of [
      'https://github.com/acme/app.git#main',
      'git@github.com:acme/app.git',
      'github.com/acme/app',
    ]) {
      assert.ok(isRemoteContext(context), context);
      const spec = specFromTaskFields({ context, dockerfile: 'docker/Dockerfile' }, FOLDER);
      assert.deepEqual([spec.context, spec.dockerfile], [context, 'docker/Dockerfile']);
    }
    assert.ok(!isRemoteContext('app') && !isRemoteContext('./git@x') && !isRemoteContext('/srv/app'));
    const spec = specFromTaskFields(
      { tags: ['app:1'], buildArgs: { A: 'b/c' }, platforms: ['linux/amd64'], noCache: true },
      FOLDER,
    );
    assert.deepEqual(
      [spec.tags, spec.buildArgs, spec.platforms, spec.noCache],
      [['app:1'], { A: 'b/c' }, ['linux/amd64'], true],
    );
  });

  it('keeps only BuildSpec fields: what else VS Code hands over with a task goes no further', () => {
    const definition = { type: 'buildx', label: 'build api', problemMatcher: [], constructor: 'x', tags: ['api:1'] };
    const spec = specFromTaskFields(definition as Parameters<typeof specFromTaskFields>[0], FOLDER);
    assert.ok(
      ['type', 'label', 'problemMatcher', 'constructor'].every((key) => !Object.hasOwn(spec, key)),
      JSON.stringify(spec),
    );
    assert.deepEqual(spec.tags, ['api:1']);
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BUILD_SPEC_FIELDS,
  buildCommand,
  BuildSpecError,
  isRemoteContext,
  PROGRESS_MODES,
  specFromTaskFields,
  taskBuildContext,
  type BuildSpec,
  type Engine,
  type FieldType,
} from '../../../src/core/builds';

const FOLDER = '/work/space';
const buildx: Engine = { kind: 'buildx', command: '/usr/bin/docker', env: {} };
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

/** The parts of JSON Schema the task definition uses: the oracle for what tasks.json may hold. */
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  required?: string[];
}

const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Whether `value` has the types `schema` asks for (oneOf, which is about values, left out). */
function conforms(schema: Schema, value: unknown): boolean {
  if (schema.type && ![schema.type].flat().includes(jsonType(value))) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (Array.isArray(value)) return !schema.items || value.every((v) => conforms(schema.items!, v));
  if (jsonType(value) !== 'object') return true;
  const object = value as Record<string, unknown>;
  if (!(schema.required ?? []).every((key) => Object.hasOwn(object, key))) return false;
  return Object.entries(object).every(([key, v]) => {
    const property = schema.properties?.[key] ?? schema.additionalProperties;
    return !property || conforms(property, v);
  });
}

describe('a buildx task with values of the wrong type (unit)', () => {
  const schema = manifest.contributes.taskDefinitions.find((d) => d.type === 'buildx')!.properties as Record<
    string,
    Schema
  >;
  // What a hand-written tasks.json may hold: the right types and the wrong ones, nested too.
  const VALUES: unknown[] = [
    'app:1',
    '',
    'plain',
    42,
    0,
    true,
    false,
    null,
    [],
    ['app:1'],
    [42],
    [null],
    [['nested']],
    [{}],
    ['npm'],
    {},
    { A: 'b' },
    { A: 1 },
    { A: null },
    { A: ['b'] },
    { A: { B: 'c' } },
    [{ id: 'npm', src: '.npmrc' }],
    [{ id: 'npm', env: 'NPM' }],
    [{ id: 42, src: 'x' }],
    [{ id: 'npm', src: ['x'] }],
    [{ id: 'npm', env: null }],
    [{ src: 'x' }],
  ];
  // fields whose values become absolute paths; the others pass through as they are
  const PATHS = new Set([
    'dockerfile',
    'context',
    'metadataFile',
    'iidFile',
    'secrets',
    'outputs',
    'cacheFrom',
    'cacheTo',
    'ssh',
  ]);

  function assertRefused(fn: () => unknown, field: string, value: unknown): void {
    assert.throws(fn, (e: unknown) => {
      assert.ok(
        e instanceof BuildSpecError,
        `${field}: ${JSON.stringify(value)}: expected a BuildSpecError, got ${String(e)}`,
      );
      assert.equal(e.field, field);
      assert.ok(e.message.includes(`'${field}'`), `the message names the field: ${e.message}`);
      assert.match(e.message, /^\S.{15,}\.$/, 'a sentence that says what is wrong');
      return true;
    });
  }

  it('types each field as the schema in package.json does', () => {
    const sameType: Record<FieldType, (s: Schema) => boolean> = {
      string: (s) => s.type === 'string' && !s.enum,
      strings: (s) => s.type === 'array' && s.items?.type === 'string',
      record: (s) => s.type === 'object' && s.additionalProperties?.type === 'string',
      boolean: (s) => s.type === 'boolean',
      'boolean|string': (s) => [s.type].flat().sort().join() === 'boolean,string',
      secrets: (s) => s.type === 'array' && s.items?.type === 'object' && s.items.properties?.id?.type === 'string',
      progress: (s) => s.type === 'string' && s.enum?.join() === PROGRESS_MODES.join(),
    };
    for (const [field, type] of Object.entries(BUILD_SPEC_FIELDS))
      assert.ok(
        sameType[type](schema[field]),
        `${field} is ${type} here, ${JSON.stringify(schema[field])} in package.json`,
      );
  });

  for (const field of Object.keys(BUILD_SPEC_FIELDS)) {
    it(`refuses a '${field}' the schema does not allow, naming it, and takes the values it allows as they are`, () => {
      let refused = 0;
      let taken = 0;
      for (const value of VALUES) {
        if (conforms(schema[field], value)) {
          taken++;
          const spec = specFromTaskFields({ [field]: value }, FOLDER) as unknown as Record<string, unknown>;
          if (!PATHS.has(field)) assert.deepEqual(spec[field], value, `${field}: ${JSON.stringify(value)}`);
          else if (Array.isArray(value)) assert.equal((spec[field] as unknown[]).length, value.length);
        } else {
          refused++;
          assertRefused(() => specFromTaskFields({ [field]: value }, FOLDER), field, value);
          // and a spec that comes some other way (the API, a command) is checked before its command is made
          assertRefused(() => buildCommand({ context: 'ctx', [field]: value } as BuildSpec, buildx), field, value);
        }
      }
      assert.ok(refused >= 5 && taken >= 1, `${field}: ${refused} refused, ${taken} taken`);
    });
  }

  it('describes the wrong value by its kind: a list where a string goes, an item, a key', () => {
    const message = (fields: Record<string, unknown>) => {
      try {
        specFromTaskFields(fields, FOLDER);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    assert.equal(message({ tags: 'app:1' }), "The build's 'tags' should be a list of strings, not a string.");
    assert.equal(
      message({ platforms: ['linux/amd64', ['linux/arm64']] }),
      "The build's 'platforms' should be a list of strings; item 2 is a list.",
    );
    assert.equal(
      message({ buildArgs: { VERSION: 3 } }),
      "The build's 'buildArgs' should be an object of names to strings; 'VERSION' is a number.",
    );
    assert.equal(
      message({ secrets: [{ id: 'npm', src: '.npmrc' }, { src: 'x' }] }),
      "The build's 'secrets' item 2 has no id.",
    );
    assert.equal(message({ target: null }), "The build's 'target' should be a string, not null.");
    assert.equal(
      message({ progress: 'fancy' }),
      "The build's 'progress' should be one of auto, plain, tty, quiet, rawjson, none.",
    );
  });
});

describe('the build context a buildx task in tasks.json gives a Dockerfile (unit)', () => {
  const dockerfile = '/work/space/api/Dockerfile';
  const find = (tasks: unknown) => taskBuildContext(tasks, 'buildx', FOLDER, dockerfile);

  it('is the first buildx task naming the Dockerfile and a context, with its target', () => {
    const tasks = [
      { type: 'shell', dockerfile: 'api/Dockerfile', context: 'no' },
      { type: 'buildx', dockerfile: 'web/Dockerfile', context: 'no' },
      { type: 'buildx', dockerfile: 'api/Dockerfile', context: '.', target: 'final' },
      { type: 'buildx', dockerfile: 'api/Dockerfile', context: 'later' },
    ];
    assert.deepEqual(find(tasks), { context: FOLDER, target: 'final' });
  });

  it('passes over what tasks.json holds of the wrong shape, without a TypeError', () => {
    const good = { type: 'buildx', dockerfile: 'api/Dockerfile', context: 'ctx' };
    for (const tasks of [undefined, null, 'tasks', 42, { type: 'buildx' }])
      assert.equal(find(tasks), undefined, JSON.stringify(tasks));
    const wrong = [
      null,
      'x',
      42,
      [],
      { type: 'buildx', dockerfile: 42, context: 'ctx' },
      { type: 'buildx', dockerfile: ['api/Dockerfile'], context: 'ctx' },
      { type: 'buildx', dockerfile: 'api/Dockerfile', context: { path: 'ctx' } },
    ];
    assert.deepEqual(find([...wrong, { ...good, target: 7 }]), { context: '/work/space/ctx', target: undefined });
  });
});

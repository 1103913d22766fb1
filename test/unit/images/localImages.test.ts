import assert from 'node:assert/strict';
import { imageId, newReferenceProblem, parseLocalImages, type LocalImage } from '../../../src/core/images/localImages';

const HEX = 'a'.repeat(64);
const ID = `sha256:${HEX}`;

/** `image inspect`'s answer for one image with these fields over a plain one's. */
const inspect = (fields: Record<string, unknown>) =>
  JSON.stringify([
    { Id: ID, RepoTags: ['app:1'], Size: 1984181, Created: '2026-12-02T06:29:40.846531217Z', ...fields },
  ]);

describe("the engine's local images, as its inspect JSON says (unit)", () => {
  const plain: LocalImage = {
    id: ID,
    references: ['app:1'],
    rejectedNames: 0,
    size: 1984181,
    created: '2026-12-02T06:29:40.846531217Z',
  };
  const cases: [string, Record<string, unknown>, Partial<LocalImage> | undefined][] = [
    ['a plain docker image', {}, {}],
    ["podman's ID without sha256:", { Id: HEX }, {}],
    ["podman's localhost/ name", { RepoTags: ['localhost/team/app:1'] }, { references: ['localhost/team/app:1'] }],
    ['a registry and a port', { RepoTags: ['127.0.0.1:5000/app:v1.2'] }, { references: ['127.0.0.1:5000/app:v1.2'] }],
    ['docker.io written out', { RepoTags: ['docker.io/library/nginx:1'] }, { references: ['nginx:1'] }],
    ['two tags, one repeated', { RepoTags: ['app:1', 'app:2', 'app:1'] }, { references: ['app:1', 'app:2'] }],
    ['a dangling image (no name)', { RepoTags: [] }, { references: [] }],
    ['a dangling image (RepoTags null)', { RepoTags: null }, { references: [] }],
    ["old docker's <none>:<none>", { RepoTags: ['<none>:<none>'] }, { references: [] }],
    // hostile or broken names: left out, counted, never shown
    ['an escape sequence in a tag', { RepoTags: ['app:1\u001b[2J'] }, { references: [], rejectedNames: 1 }],
    ['a newline in a tag', { RepoTags: ['app:1\nrm -rf /'] }, { references: [], rejectedNames: 1 }],
    ['OSC 52 in a repository', { RepoTags: ['\u001b]52;c;aGk=\u0007app:1'] }, { references: [], rejectedNames: 1 }],
    ['a right-to-left override', { RepoTags: ['app:1\u202egpj'] }, { references: [], rejectedNames: 1 }],
    ['a C1 control', { RepoTags: ['app\u009b:1'] }, { references: [], rejectedNames: 1 }],
    ['upper case', { RepoTags: ['App:1', 'app:2'] }, { references: ['app:2'], rejectedNames: 1 }],
    ['no tag', { RepoTags: ['app'] }, { references: [], rejectedNames: 1 }],
    ['a digest in RepoTags', { RepoTags: [`app@${ID}`] }, { references: [], rejectedNames: 1 }],
    ['a tag of 129 characters', { RepoTags: [`app:${'t'.repeat(129)}`] }, { references: [], rejectedNames: 1 }],
    ['not a string', { RepoTags: [42, 'app:1'] }, { references: ['app:1'], rejectedNames: 1 }],
    // sizes and dates that are none
    ['a size as text', { Size: '84MB' }, { size: undefined }],
    ['a negative size', { Size: -1 }, { size: undefined }],
    ['a fractional size', { Size: 1.5 }, { size: undefined }],
    ['a date with an escape', { Created: '2026-12-02T06:29:40Z\u001b[2J' }, { created: undefined }],
    ['a date that is no date', { Created: 'yesterday' }, { created: undefined }],
    ['an offset date', { Created: '2026-12-02T06:29:40+01:00' }, { created: '2026-12-02T06:29:40+01:00' }],
    // no image at all
    ['an ID that is no digest', { Id: 'sha256:../../etc' }, undefined],
    ['an ID with an escape', { Id: `${ID}\u001b` }, undefined],
    ['no ID', { Id: undefined }, undefined],
  ];
  for (const [title, fields, expected] of cases) {
    it(`reads ${title}`, () => {
      assert.deepEqual(parseLocalImages(inspect(fields)), expected ? [{ ...plain, ...expected }] : []);
    });
  }

  it('lists the newest first, those with no date last', () => {
    const images = [
      { Id: 'sha256:' + '1'.repeat(64), Created: '2026-01-01T00:00:00Z' },
      { Id: 'sha256:' + '2'.repeat(64) },
      { Id: 'sha256:' + '3'.repeat(64), Created: '2026-06-01T00:00:00Z' },
    ];
    assert.deepEqual(
      parseLocalImages(JSON.stringify(images)).map((i) => i.id[7]),
      ['3', '1', '2'],
    );
  });

  it('says so when the answer is no JSON, and reads no array as no image', () => {
    assert.throws(() => parseLocalImages('Error: \u001b[2J'), /cannot read/);
    assert.deepEqual(parseLocalImages('{}'), []);
  });
});

describe('an image ID (unit)', () => {
  const cases: [unknown, string | undefined][] = [
    [ID, ID],
    [HEX, ID],
    ['A'.repeat(64), undefined],
    [`sha512:${HEX}`, undefined],
    [`${HEX}\n`, undefined],
    [42, undefined],
  ];
  for (const [raw, expected] of cases) it(`reads ${JSON.stringify(raw)}`, () => assert.equal(imageId(raw), expected));
});

describe('the new name Tag… and Push… take (unit)', () => {
  const cases: [string, RegExp | undefined][] = [
    ['app', undefined],
    ['app:1.0', undefined],
    [' team/app:1 ', undefined],
    ['127.0.0.1:5000/team/app:v1', undefined],
    ['localhost/app:1', undefined],
    ['App:1', /not a valid repository name/],
    ['app:-1', /not a valid tag or digest name/],
    ['app:1 2', /not a valid tag or digest name/],
    [`app@${ID}`, /not a digest/],
    ['app:1\u001b[2J', /not a valid tag or digest name/],
    ['', /not a valid repository name/],
  ];
  for (const [text, problem] of cases) {
    it(`${problem ? 'refuses' : 'takes'} ${JSON.stringify(text)}`, () => {
      const found = newReferenceProblem(text);
      if (problem) assert.match(found ?? '', problem);
      else assert.equal(found, undefined);
    });
  }

  it('shows a refused name escaped, never its control characters', () => {
    assert.ok(!(newReferenceProblem('app:1\u001b[2J') ?? '').includes('\u001b'));
  });
});

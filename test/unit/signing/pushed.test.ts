import assert from 'node:assert/strict';
import { digestFromMetadata, digestFromPushOutput, pushedImage } from '../../../src/core/signing';

const DIGEST = `sha256:${'d'.repeat(64)}`;

describe('the digest a push pushed (unit)', () => {
  const metadata: [string, string, string | undefined][] = [
    [
      'buildx 0.13 pushing an index',
      JSON.stringify({ 'containerimage.digest': DIGEST, 'image.name': 'r/a:1' }),
      DIGEST,
    ],
    [
      'no digest (a build that exported nothing)',
      JSON.stringify({ 'buildx.build.ref': 'default/default/x' }),
      undefined,
    ],
    ['a digest that is not one', JSON.stringify({ 'containerimage.digest': 'sha256:abc' }), undefined],
    ['a digest with a line after it', JSON.stringify({ 'containerimage.digest': `${DIGEST}\nx` }), undefined],
    ['no JSON', '{"containerimage.digest": ', undefined],
    ['JSON that is no object', '["containerimage.digest"]', undefined],
  ];
  for (const [name, json, digest] of metadata)
    it(`metadata file: ${name}`, () => assert.equal(digestFromMetadata(json), digest));

  const pushOutput = [
    'The push refers to repository [127.0.0.1:5000/app]',
    '5f70bf18a086: Pushed',
    `run-1: digest: ${DIGEST} size: 527`,
  ].join('\n');
  const outputs: [string, string, string, string | undefined][] = [
    ['its tag', pushOutput, '127.0.0.1:5000/app:run-1', DIGEST],
    ['CRLF line ends', pushOutput.replace(/\n/g, '\r\n'), '127.0.0.1:5000/app:run-1', DIGEST],
    ['another tag only', pushOutput, '127.0.0.1:5000/app:run-2', undefined],
    ['latest, for a tag left out', pushOutput.replace('run-1', 'latest'), '127.0.0.1:5000/app', DIGEST],
    ['a digest that is not one', pushOutput.replace(DIGEST, 'sha256:abc'), '127.0.0.1:5000/app:run-1', undefined],
    ['no digest line (the push failed)', pushOutput.split('\n')[0], '127.0.0.1:5000/app:run-1', undefined],
  ];
  for (const [name, output, tag, digest] of outputs)
    it(`docker push output: ${name}`, () => assert.equal(digestFromPushOutput(output, tag), digest));

  it('signs the pushed repository at the digest, on the registry the tag names', () => {
    assert.deepEqual(pushedImage('127.0.0.1:5000/team/app:1', DIGEST), {
      registry: '127.0.0.1:5000',
      repository: 'team/app',
      digest: DIGEST,
    });
    assert.deepEqual(pushedImage('me/app', DIGEST), { registry: 'docker.io', repository: 'me/app', digest: DIGEST });
  });
});

import assert from 'node:assert/strict';
import {
  BUNDLE_ANNOTATION,
  SIGNATURE_LAYER,
  readBundle,
  transparencyRecords,
  transparencyText,
  type TransparencyRecord,
} from '../../../src/core/signing';

import { recordedRekorSignature } from '../../fixtures/signing/signatures';

// A bundle cosign really wrote (test/fixtures/signing/rekor-signature.json says where it is from).
const realBundle = recordedRekorSignature()[BUNDLE_ANNOTATION];
const withLogIndex = (logIndex: unknown) => JSON.stringify({ SignedEntryTimestamp: 'MEU=', Payload: { logIndex } });

describe('the transparency log of a cosign signature (unit)', () => {
  const UNREADABLE: TransparencyRecord = { state: 'unreadable' };
  const bundles: [string, unknown, TransparencyRecord][] = [
    ['no bundle annotation (signed with --tlog-upload=false)', undefined, { state: 'none' }],
    ['the bundle cosign recorded from Rekor', realBundle, { state: 'rekor', logIndex: 84313668 }],
    ['logIndex 0, the log’s first entry', withLogIndex(0), { state: 'rekor', logIndex: 0 }],
    ['not JSON', '{"Payload": {"logIndex": 1', UNREADABLE],
    ['JSON that is no object', '[1, 2]', UNREADABLE],
    ['no Payload', '{"SignedEntryTimestamp": "MEU="}', UNREADABLE],
    ['a logIndex that is a string', withLogIndex('84313668'), UNREADABLE],
    ['a logIndex with text after it', withLogIndex('1\u001b[2J'), UNREADABLE],
    ['a negative logIndex', withLogIndex(-1), UNREADABLE],
    ['a fractional logIndex', withLogIndex(1.5), UNREADABLE],
    ['a logIndex past 2^53', '{"Payload":{"logIndex":18446744073709551616}}', UNREADABLE],
    ['a raw escape character', realBundle.replace('"Payload"', '"\u001b]52;c;aGk=\u0007Payload"'), UNREADABLE],
    ['a line break', `${realBundle}\n`, UNREADABLE],
    ['a right-to-left override', realBundle.replace('SignedEntry', 'Signed\u202eEntry'), UNREADABLE],
    ['a huge value', JSON.stringify({ Payload: { logIndex: 1, body: 'A'.repeat(1024 * 1024) } }), UNREADABLE],
    ['a number, not text', 42, UNREADABLE],
  ];
  for (const [name, annotation, record] of bundles)
    it(`${name}: ${record.state}`, () => assert.deepEqual(readBundle(annotation), record));

  const manifest = (layers: unknown[]) =>
    Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers }));
  const layer = (annotations?: unknown, mediaType = SIGNATURE_LAYER) => ({
    mediaType,
    digest: `sha256:${'a'.repeat(64)}`,
    size: 1,
    ...(annotations === undefined ? {} : { annotations }),
  });

  it('reads each signature layer of the manifest as sent, and no other layer', () => {
    const records = transparencyRecords(
      manifest([
        layer({ 'dev.cosignproject.cosign/signature': 'MEU=' }),
        layer({ [BUNDLE_ANNOTATION]: realBundle }),
        layer({ [BUNDLE_ANNOTATION]: realBundle }, 'application/vnd.oci.image.layer.v1.tar+gzip'),
        layer('annotations that are no object'),
        // a control character escaped in the manifest's JSON is one once parsed
        layer({ [BUNDLE_ANNOTATION]: '{"Payload":{"logIndex":1},"x":"\u001b"}' }),
      ]),
    );
    assert.deepEqual(records, [
      { state: 'none' },
      { state: 'rekor', logIndex: 84313668 },
      { state: 'none' },
      { state: 'unreadable' },
    ]);
    assert.deepEqual(transparencyRecords(Buffer.from('not json')), []);
    assert.deepEqual(transparencyRecords(manifest([])), []);
  });

  const texts: [TransparencyRecord[], string | undefined][] = [
    [[{ state: 'none' }], 'not in transparency log'],
    [[{ state: 'rekor', logIndex: 7 }], 'in transparency log (Rekor, logIndex 7)'],
    [[{ state: 'unreadable' }], 'bundle unreadable'],
    [[{ state: 'none' }, { state: 'none' }], 'not in transparency log'],
    [
      [{ state: 'rekor', logIndex: 7 }, { state: 'none' }],
      'in transparency log (Rekor, logIndex 7); not in transparency log',
    ],
    [[], undefined],
  ];
  for (const [records, text] of texts)
    it(`says ${text ?? 'nothing'} for ${records.map((r) => r.state).join(', ') || 'no signature layer'}`, () =>
      assert.equal(transparencyText(records), text));
});

// Build and Push…'s sign step, decided without vscode: which digest it signs, and what it says and
// returns when cosign is missing, a password is wrong or the push named no digest. The real step,
// with the real cosign and registry, is in test/host/suite/signing.test.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as signing from '../../../src/core/signing';
import type { SignedImage } from '../../../src/core/signing';
import type { CoreBundle } from '../../../src/vscode/coreBundle';
import { pushReport, recordPushOutput, signPushed, type PushReport } from '../../../src/vscode/builds/signStep';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const loadCore = async () => ({ signing }) as unknown as CoreBundle;
const dockerPush = (tags: string[], output: (tag: string) => string): PushReport => {
  const report = pushReport('docker', tags, undefined);
  for (const tag of tags) recordPushOutput(report, tag, output(tag));
  return report;
};
const pushedLine = (tag: string) =>
  `The push refers to repository [x]\n${tag.split(':').at(-1)}: digest: ${DIGEST} size: 9\n`;

interface Case {
  name: string;
  report: () => PushReport;
  /** What cosign answers: its error, undefined for signed, or a thrown error. */
  cosign: () => Promise<string | undefined>;
  exitCode: number;
  says: RegExp;
  signed: SignedImage[];
}

const image = { registry: '127.0.0.1:5000', repository: 'team/app', digest: DIGEST };
const cases: Case[] = [
  {
    name: 'two tags of one repository: its digest is signed once',
    report: () => dockerPush(['127.0.0.1:5000/team/app:1', '127.0.0.1:5000/team/app:latest'], pushedLine),
    cosign: async () => undefined,
    exitCode: 0,
    says: /> cosign sign 127\.0\.0\.1:5000\/team\/app@sha256:c{64}.*Signed 127\.0\.0\.1:5000\/team\/app@sha256:c{64}\./s,
    signed: [image],
  },
  {
    name: 'cosign missing: skipped, saying how to install it; the push stands',
    report: () => dockerPush(['127.0.0.1:5000/team/app:1'], pushedLine),
    cosign: () => Promise.reject(new signing.CosignMissingError('/nowhere/cosign')),
    exitCode: 0,
    says: /Sign step skipped: cosign was not found at '\/nowhere\/cosign'\. Install it/,
    signed: [image],
  },
  {
    name: 'a wrong password: fails, the pushed image untouched',
    report: () => dockerPush(['127.0.0.1:5000/team/app:1'], pushedLine),
    cosign: async () => "the key's password is wrong (cosign: decrypt: encrypted: decryption failed)",
    exitCode: 1,
    says: /Could not sign 127\.0\.0\.1:5000\/team\/app@sha256:c{64}: the key's password is wrong .*The pushed image is untouched/,
    signed: [image],
  },
  {
    name: 'no key chosen: skipped',
    report: () => dockerPush(['127.0.0.1:5000/team/app:1'], pushedLine),
    cosign: async () => 'no key chosen',
    exitCode: 0,
    says: /Sign step skipped: no key chosen\./,
    signed: [image],
  },
  {
    name: 'a push output with no digest line: nothing signed',
    report: () => dockerPush(['127.0.0.1:5000/team/app:1'], () => 'Pushed\n'),
    cosign: async () => undefined,
    exitCode: 1,
    says: /Not signed: the push did not report which digest it pushed for 127\.0\.0\.1:5000\/team\/app:1\. The image is pushed; sign it from the Registries view/,
    signed: [],
  },
  {
    name: 'podman, whose digest file stayed empty (the push failed before writing it): nothing signed',
    report: () => pushReport('podman', ['127.0.0.1:5000/team/app:1'], undefined),
    cosign: async () => undefined,
    exitCode: 1,
    says: /Not signed: the push did not report which digest/,
    signed: [],
  },
];

describe("Build and Push…'s sign step (unit)", () => {
  for (const c of cases)
    it(c.name, async () => {
      const signed: SignedImage[] = [];
      let written = '';
      const signer = { sign: (i: SignedImage) => (signed.push(i), c.cosign()) };
      const exitCode = await signPushed(c.report(), signer, loadCore, (t) => (written += t));
      assert.equal(exitCode, c.exitCode, written);
      assert.match(written, c.says);
      assert.deepEqual(signed, c.signed);
    });

  it('buildx: reads the digest from a metadata file of its own, then removes the file', async () => {
    const report = pushReport('buildx', ['127.0.0.1:5100/team/app:1'], undefined);
    assert.ok(report.ownMetadataFile && report.metadataFile);
    fs.writeFileSync(report.metadataFile, JSON.stringify({ 'containerimage.digest': DIGEST }));
    const signed: SignedImage[] = [];
    const exitCode = await signPushed(report, { sign: async (i) => void signed.push(i) }, loadCore, () => {});
    assert.equal(exitCode, 0);
    assert.deepEqual(signed, [{ ...image, registry: '127.0.0.1:5100' }]);
    assert.equal(fs.existsSync(report.metadataFile), false, 'the made-up metadata file is gone');
  });

  it('buildx: a metadata file tasks.json names is read and kept', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dockwright-sign-step-')), 'metadata.json');
    fs.writeFileSync(file, JSON.stringify({ 'containerimage.digest': DIGEST }));
    const report = pushReport('buildx', ['127.0.0.1:5100/team/app:1'], file);
    assert.equal(report.ownMetadataFile, undefined);
    assert.equal(await signPushed(report, { sign: async () => undefined }, loadCore, () => {}), 0);
    assert.ok(fs.existsSync(file));
    fs.rmSync(file);
  });

  it("podman: reads each tag's digest from a digest file of its own, then removes the files", async () => {
    const tags = ['127.0.0.1:5000/team/app:1', '127.0.0.1:5000/team/other:1'];
    const report = pushReport('podman', tags, undefined);
    const files = tags.map((tag) => report.digestFiles!.get(tag)!);
    fs.writeFileSync(files[0], DIGEST);
    fs.writeFileSync(files[1], `${DIGEST.replace(/c/g, 'd')}\n`);
    const signed: SignedImage[] = [];
    assert.equal(await signPushed(report, { sign: async (i) => void signed.push(i) }, loadCore, () => {}), 0);
    assert.deepEqual(signed, [image, { ...image, repository: 'team/other', digest: DIGEST.replace(/c/g, 'd') }]);
    assert.deepEqual(
      files.map((f) => fs.existsSync(f)),
      [false, false],
      'the digest files are gone',
    );
  });

  it('podman: a digest file that holds anything but a digest signs nothing', async () => {
    const report = pushReport('podman', ['127.0.0.1:5000/team/app:1'], undefined);
    fs.writeFileSync(report.digestFiles!.get('127.0.0.1:5000/team/app:1')!, `${DIGEST}\x1b[2J`);
    let written = '';
    const exitCode = await signPushed(report, { sign: async () => undefined }, loadCore, (t) => (written += t));
    assert.equal(exitCode, 1);
    assert.match(written, /Not signed: the push did not report which digest/);
  });

  it('keeps only the end of a long push output, where the digest is', () => {
    const report = pushReport('docker', ['a:1'], undefined);
    recordPushOutput(report, 'a:1', 'x'.repeat(200 * 1024));
    recordPushOutput(report, 'a:1', pushedLine('a:1'));
    assert.equal(report.outputs.get('a:1')!.length, 64 * 1024);
    assert.equal(signing.digestFromPushOutput(report.outputs.get('a:1')!, 'a:1'), DIGEST);
  });
});

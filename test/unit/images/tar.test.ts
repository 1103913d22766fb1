import assert from 'node:assert/strict';
import { readTar, TarError } from '../../../src/core/images/tar';
import { chunked, tar, type Member } from './tarWriter';

const LONG = `${'deep/'.repeat(30)}file.txt`;

async function entries(archive: Buffer, chunk: number, readBodies = false) {
  const out: { path: string; size: number; type: string; linkTarget: string; body?: string }[] = [];
  for await (const e of readTar(chunked(archive, chunk))) {
    let body: string | undefined;
    if (readBodies) {
      const parts: Buffer[] = [];
      for await (const c of e.body()) parts.push(c);
      body = Buffer.concat(parts).toString();
    }
    out.push({ path: e.path, size: e.size, type: e.type, linkTarget: e.linkTarget, ...(readBodies && { body }) });
  }
  return out;
}

describe('the streaming tar header reader (unit)', () => {
  const cases: { name: string; members: Member[]; expected: [string, number, string, string?][] }[] = [
    {
      name: 'files, folders and links',
      members: [
        { path: 'etc/', type: 'directory' },
        { path: 'etc/hosts', body: 'localhost\n' },
        { path: 'bin/sh', type: 'symlink', linkTarget: 'busybox' },
        { path: 'empty', body: '' },
      ],
      expected: [
        ['etc/', 0, 'directory'],
        ['etc/hosts', 10, 'file'],
        ['bin/sh', 0, 'symlink', 'busybox'],
        ['empty', 0, 'file'],
      ],
    },
    {
      name: 'a PAX long name',
      members: [
        { path: LONG, longName: 'pax', body: 'x' },
        { path: 'after', body: 'y' },
      ],
      expected: [
        [LONG, 1, 'file'],
        ['after', 1, 'file'],
      ],
    },
    {
      name: 'a GNU long name',
      members: [
        { path: LONG, longName: 'gnu', body: 'x' },
        { path: 'after', body: 'y' },
      ],
      expected: [
        [LONG, 1, 'file'],
        ['after', 1, 'file'],
      ],
    },
    {
      name: 'a base-256 size',
      members: [
        { path: 'big', size: 70_000, base256: true },
        { path: 'next', body: 'z' },
      ],
      expected: [
        ['big', 70_000, 'file'],
        ['next', 1, 'file'],
      ],
    },
    { name: 'an empty archive', members: [], expected: [] },
  ];
  for (const { name, members, expected } of cases) {
    for (const chunk of [1, 511, 512, 7919, 1 << 20]) {
      it(`reads ${name} in chunks of ${chunk} bytes, skipping the bodies`, async () => {
        const got = await entries(tar(members), chunk);
        assert.deepEqual(
          got.map((e) => [e.path, e.size, e.type, ...(e.linkTarget ? [e.linkTarget] : [])]),
          expected,
        );
      });
    }
  }

  it('passes a body on when it is read, and skips the rest of a partly read one', async () => {
    const archive = tar([
      { path: 'a', body: 'alpha' },
      { path: 'b', body: 'x'.repeat(5000) },
      { path: 'c', body: 'gamma' },
    ]);
    assert.deepEqual(
      (await entries(archive, 100, true)).map((e) => e.body?.length),
      [5, 5000, 5],
    );
    const firstChunks: string[] = [];
    for await (const e of readTar(chunked(archive, 100))) {
      for await (const c of e.body()) {
        firstChunks.push(`${e.path}:${c.toString().slice(0, 3)}`);
        break;
      }
    }
    assert.deepEqual(firstChunks, ['a:alp', 'b:xxx', 'c:gam']);
  });

  const broken: { name: string; archive: () => Buffer; message: RegExp }[] = [
    { name: 'text that is not a tar', archive: () => Buffer.from('x'.repeat(600)), message: /checksum/ },
    {
      name: 'an archive cut inside a body',
      archive: () => tar([{ path: 'a', size: 4000 }]).subarray(0, 2000),
      message: /ends inside an entry/,
    },
    {
      name: 'an archive cut inside a header',
      archive: () => tar([{ path: 'a', body: 'x' }]).subarray(0, 300),
      message: /inside a header/,
    },
  ];
  for (const { name, archive, message } of broken) {
    it(`refuses ${name}`, async () => {
      await assert.rejects(entries(archive(), 64), (e: Error) => e instanceof TarError && message.test(e.message));
    });
  }
});

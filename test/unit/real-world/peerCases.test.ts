// Agreement with the peers on their own published test cases (test/fixtures/peers): each case names
// a peer's rule, a Dockerfile and whether the peer reports it. The Dockwright rules that answer to
// that id (their aliases) are run with every rule on, and must report where the peer reports and stay
// silent where it does not. A case Dockwright judges otherwise on purpose is listed in DELIBERATE
// with the docs/rules.md section that says why.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { lint } from '../../../src/core/lint/lint';
import { allRules } from '../../../src/core/rules';
import { peerCases, type Peer, type PeerCase } from '../../fixtures/peers';
import { MemoryContext } from '../../support/memoryContext';
import { allOn, repoRoot } from './sharedCorpus';

/** Where one Dockwright rule answers to several of a peer's checks, the part of its messages each one is. */
const CONCERN: Record<string, RegExp> = {
  DL3006: /no tag/,
  DL3007: /:latest\b|the tag latest/,
  DL3023: /names the stage it is in/,
  'DS-0006': /names the stage it is in/,
  DL3024: /already used by stage/,
  'DS-0012': /already used by stage/,
  DuplicateStageName: /already used by stage/,
  DL3032: /\byum\b/,
  'DS-0015': /\byum\b/,
  DL3040: /dnf/,
  'DS-0019': /dnf/,
  DL3060: /yarn/,
};

/** Cases Dockwright judges otherwise on purpose, by caseName(), with the docs/rules.md section that says why. */
const DELIBERATE: Record<string, string> = {
  'hadolint DL3009 onbuild "apt-get cleanup in stage image"': 'apt-lists-cleanup',
  'hadolint DL3009 onbuild "no warn apt-get cleanup in intermediate stage when stage not used later"':
    'apt-lists-cleanup',
  'hadolint DL3009 "warn: BuildKit cache mount to apt lists directory only"': 'apt-lists-cleanup',
  'hadolint DL3009 onbuild "warn: BuildKit cache mount to apt lists directory only"': 'apt-lists-cleanup',
  'hadolint DL3060 onbuild "ok when omitting yarn cache clean in stage that is not reused later"':
    'package-cache-cleanup',
  'hadolint DL3057 "warn with no HEALTHCHECK instructions"': 'healthcheck-missing',
  'hadolint DL3057 "warn when inheritance chain bifurcates"': 'healthcheck-missing',
  'hadolint DL3057 "warn when not inheriting with no HEALTHCHECK instruction"': 'healthcheck-missing',
  'hadolint DL4006 "warns when using plain sh"': 'pipefail',
  'hadolint DL3059 "not ok with two `RUN`s separated by a comment"': 'consecutive-run',
  'hadolint DL3059 "not ok with two `RUN`s separated by two comment"': 'consecutive-run',
  'trivy DS-0015 "test_basic_denied"': 'package-cache-cleanup',
  'trivy DS-0017 "test_dnf_update_denied"': 'apt-update-alone',
  'trivy DS-0017 "test_zypper_update_denied"': 'apt-update-alone',
  'trivy DS-0017 "test_yum_update_denied"': 'apt-update-alone',
  'trivy DS-0025 "test_basic_denied"': 'apk-no-cache',
  'trivy DS-0026 "test_denied"': 'healthcheck-missing',
  'trivy DS-0031 "test_deny_copy_secret_file"': 'secret-file-copy',
  'trivy DS-0031 "test_deny_secret_file"': 'secret-file-copy',
  'trivy DS-0031 "test_deny_secret_file_quoted_path"': 'secret-file-copy',
  'trivy DS-0031 "test_deny_secret_file_in_arg"': 'secret-file-copy',
  'trivy DS-0031 "test_deny_secret_in_set_command"': 'secret-file-copy',
  'trivy DS-0031 "test_deny_secret_key (ARTIFACTORY_USR)"': 'secret-in-arg-env',
};

/**
 * Disagreements in rules another change is reworking (non-root-user), by caseName(),
 * with what differs: they count against the agreement until that change settles them.
 */
const PENDING: Record<string, string> = {
  'hadolint DL3002 "last user should not be root"': 'non-root-user is silent on scratch, even with USER root',
  'hadolint DL3002 "no root UID"': 'non-root-user is silent on scratch, even with USER 0',
  'hadolint DL3002 "no root:root"': 'non-root-user is silent on scratch, even with USER root:root',
  'hadolint DL3002 "no UID:GID"': 'non-root-user is silent on scratch, even with USER 0:0',
  'hadolint DL3002 "warns on multiple stages"': 'non-root-user judges only the final stage',
};

/** The least share of cases Dockwright agrees on, the deliberate differences set aside (PENDING ones count). */
const MIN_AGREEMENT = 0.97;

function caseName(c: PeerCase): string {
  const where = c.line ? ` line ${c.line}` : '';
  return `${c.peer} ${c.rule} ${c.onbuild ? 'onbuild ' : ''}"${c.source.test}"${where}`;
}

/**
 * The Dockerfile as linted: hadolint's specs lint fragments with no FROM, which BuildKit refuses and
 * whose instructions belong to no stage, so a fragment gets `FROM scratch` first (as the specs' own
 * multi-line cases do); `onbuild` wraps every RUN in ONBUILD.
 */
function prepare(c: PeerCase): { text: string; offset: number } {
  let continued = false;
  const lines = c.text.map((line) => {
    const wrapped = c.onbuild && !continued && /^\s*run\s/i.test(line) ? `ONBUILD ${line}` : line;
    continued = /\\\s*$/.test(line);
    return wrapped;
  });
  const fragment = !lines.some((l) => /^\s*from\s/i.test(l));
  return { text: [...(fragment ? ['FROM scratch'] : []), ...lines, ''].join('\n'), offset: fragment ? 1 : 0 };
}

function dockwrightFires(c: PeerCase): boolean {
  const ids = new Set(allRules.filter((r) => r.aliases[c.peer]?.includes(c.rule)).map((r) => r.id));
  const { text, offset } = prepare(c);
  const context =
    c.dockerignore !== undefined ? new MemoryContext({ '.dockerignore': c.dockerignore, Dockerfile: text }) : undefined;
  return lint(text, { rules: allOn(), context }).some(
    (d) =>
      ids.has(d.rule) &&
      (!CONCERN[c.rule] || CONCERN[c.rule].test(d.message)) &&
      (!c.line || d.range.start.line + 1 === c.line + offset),
  );
}

function sectionOf(id: string): string | undefined {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/rules.md'), 'utf8');
  return new RegExp(`^## ${id}\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(doc)?.[1];
}

describe('agreement with the peers on their own test cases', () => {
  const results = peerCases.map((c) => ({ c, name: caseName(c), agrees: dockwrightFires(c) === c.fires }));
  type Result = (typeof results)[number];

  it('maps every case to a Dockwright rule through its aliases', () => {
    const unmapped = peerCases.filter((c) => !allRules.some((r) => r.aliases[c.peer]?.includes(c.rule)));
    assert.deepEqual(unmapped.map(caseName), []);
  });

  it(`agrees on at least ${MIN_AGREEMENT * 100}% of the cases, deliberate differences set aside`, () => {
    const share = (rs: Result[]) => {
      const agreeing = rs.filter((r) => r.agrees).length;
      return `${agreeing}/${rs.length} (${((100 * agreeing) / rs.length).toFixed(1)}%)`;
    };
    const judged = results.filter((r) => !DELIBERATE[r.name]);
    const peers: Peer[] = ['hadolint', 'buildkit', 'trivy'];
    const of = (rs: Result[], peer?: Peer) => rs.filter((r) => !peer || r.c.peer === peer);
    for (const peer of [...peers, undefined])
      console.log(
        `      ${peer ?? 'overall'}: ${share(of(results, peer))} agree; ${share(of(judged, peer))} without the deliberate differences`,
      );
    const agreement = judged.filter((r) => r.agrees).length / judged.length;
    assert.ok(agreement >= MIN_AGREEMENT, `agreement ${(agreement * 100).toFixed(1)}%`);
  });

  it('differs only where docs/rules.md says why, or in a rule being reworked', () => {
    const unexplained = results
      .filter((r) => !r.agrees && !DELIBERATE[r.name] && !PENDING[r.name])
      .map((r) => `${r.name}: the peer ${r.c.fires ? 'reports it' : 'is silent'}`);
    assert.deepEqual(unexplained, []);
  });

  it('lists no difference that is gone', () => {
    const differing = new Set(results.filter((r) => !r.agrees).map((r) => r.name));
    const gone = [...Object.keys(DELIBERATE), ...Object.keys(PENDING)].filter((name) => !differing.has(name));
    assert.deepEqual(gone, [], 'Dockwright agrees there now (or the case is gone): take them out');
  });

  it('explains each deliberate difference in a docs/rules.md section that names the peer rule', () => {
    const byName = new Map(results.map((r) => [r.name, r]));
    const unexplained = Object.entries(DELIBERATE).filter(([name, section]) => {
      const rule = byName.get(name)?.c.rule;
      return !rule || !sectionOf(section)?.includes(rule);
    });
    assert.deepEqual(unexplained, []);
  });
});

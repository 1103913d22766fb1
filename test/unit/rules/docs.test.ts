import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEERS, type ContextView, type Rule } from '../../../src/core/rule';
import { allRules } from '../../../src/core/rules';
import { ruleDocUrl } from '../../../src/core/rules/docs';
import { findings } from '../../support/ruleHarness';

const page = readFileSync(join(__dirname, '../../../docs/rules.md'), 'utf8');

/** `## <id>` sections of docs/rules.md, by id. */
function sections(): Map<string, string> {
  const out = new Map<string, string>();
  const parts = page.split(/^## /m).slice(1);
  for (const part of parts) out.set(part.slice(0, part.indexOf('\n')).trim(), part);
  return out;
}

/** The Dockerfile code block that follows a `Bad…:` or `Good…:` paragraph. */
function example(section: string, label: 'Bad' | 'Good'): string | undefined {
  return new RegExp(`^${label}\\b[^\\n]*:\\n\\n\`\`\`dockerfile\\n([\\s\\S]*?)\`\`\``, 'm').exec(section)?.[1];
}

/** The aliases line a rule's section should have: each peer's ids, after the peer's name. */
function aliasesLine(rule: Rule): string {
  const names = { hadolint: 'hadolint', buildkit: 'BuildKit', trivy: 'Trivy' };
  const groups = PEERS.filter((peer) => rule.aliases[peer]?.length).map(
    (peer) => `${names[peer]} ${rule.aliases[peer]!.map((a) => `\`${a}\``).join(', ')}`,
  );
  return groups.length ? `${groups.join('; ')}.` : 'none.';
}

/** A build context held in memory: paths with `/`, folders implied by their files. */
function contextOf(files: Record<string, string>): ContextView {
  const has = (p: string) => p in files || Object.keys(files).some((f) => f.startsWith(`${p}/`));
  return {
    readFile: (p) => files[p],
    exists: has,
    list: (dir) => [
      ...new Set(
        Object.keys(files)
          .filter((f) => dir === '' || f.startsWith(`${dir}/`))
          .map((f) => f.slice(dir ? dir.length + 1 : 0).split('/')[0]),
      ),
    ],
    dockerfilePath: 'Dockerfile',
  };
}

/** The contexts the context rules' sections describe in words. */
const CONTEXTS: Record<string, { bad: Record<string, string>; good: Record<string, string> }> = {
  'dockerignore-missing': {
    bad: { Dockerfile: '', 'package.json': '{}', 'src/index.js': '', '.git/HEAD': 'ref: refs/heads/main\n' },
    good: {
      Dockerfile: '',
      'package.json': '{}',
      'src/index.js': '',
      '.git/HEAD': '',
      '.dockerignore': '.git\nnode_modules\n.env*\n*.log\nDockerfile*\n',
    },
  },
  'dockerignore-incomplete': {
    bad: { Dockerfile: '', '.git/HEAD': '', '.env': 'A=1\n', '.dockerignore': 'node_modules\n' },
    good: { Dockerfile: '', '.git/HEAD': '', '.env': 'A=1\n', '.dockerignore': 'node_modules\n.git\n.env*\n' },
  },
  'copy-ignored-file': {
    bad: { Dockerfile: '', 'README.md': '# hi\n', 'site/index.html': '', '.dockerignore': '*.md\n' },
    good: { Dockerfile: '', 'README.md': '# hi\n', 'site/index.html': '', '.dockerignore': '*.md\n' },
  },
};

describe('docs/rules.md (unit)', () => {
  const byId = sections();

  it('has a `## <id>` section for every rule, and none for rules that do not exist', () => {
    assert.deepEqual([...byId.keys()].sort(), allRules.map((r) => r.id).sort());
  });

  for (const rule of allRules) {
    it(`${rule.id}: states its default and aliases, and has a bad and a good Dockerfile example`, () => {
      const section = byId.get(rule.id);
      assert.ok(section, `no "## ${rule.id}" section`);
      assert.match(
        section,
        new RegExp(`\\*\\*Default:\\*\\* ${rule.defaultLevel}\\b`),
        'default level differs from the rule',
      );
      const aliases = /\*\*Aliases:\*\* ([^\n]*)/.exec(section)?.[1] ?? '';
      assert.equal(aliases, aliasesLine(rule), 'aliases differ from the rule');
      assert.ok(example(section, 'Bad'), 'no bad example');
      assert.ok(example(section, 'Good'), 'no good example');
      assert.match(section, /\*\*Fix:\*\*/, 'no fix paragraph');
    });

    it(`${rule.id}: reports its bad example and accepts its good one`, () => {
      const section = byId.get(rule.id) ?? '';
      const contexts = CONTEXTS[rule.id];
      const bad = findings(example(section, 'Bad') ?? '', rule.id, { context: contexts && contextOf(contexts.bad) });
      const good = findings(example(section, 'Good') ?? '', rule.id, { context: contexts && contextOf(contexts.good) });
      assert.ok(
        bad.length > 0,
        `${rule.id} does not report the bad example of its docs/rules.md section: make the rule fire on it, or correct the example`,
      );
      assert.deepEqual(
        good.map((d) => d.message),
        [],
        `${rule.id} reports the good example of its docs/rules.md section`,
      );
    });
  }

  it('links every rule to its section', () => {
    assert.equal(ruleDocUrl('json-args'), 'https://github.com/dockwright/dockwright/blob/main/docs/rules.md#json-args');
    for (const rule of allRules) assert.ok(ruleDocUrl(rule.id).endsWith(`#${rule.id}`));
  });
});

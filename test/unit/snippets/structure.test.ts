import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { expandSnippet } from './snippetSyntax';
import { loadSnippets, packageJson, ROOT } from './snippetFiles';

/**
 * The alternatives each snippet offers, by prefix: each list must be (part of) the options of one
 * choice. Every snippet is listed, so a new one has to say what its user may want to pick ([]
 * when there is nothing to pick, e.g. a template whose parts are all placeholders).
 */
const ALTERNATIVES: Record<string, string[][]> = {
  'multistage-dotnet': [['9.0', '8.0', '10.0']],
  'multistage-node': [
    ['22', '20', '24'],
    ['alpine', 'bookworm-slim'],
  ],
  'multistage-go': [['gcr.io/distroless/static-debian12:nonroot', 'scratch']],
  'multistage-python': [['3.13', '3.12']],
  'multistage-java': [['21', '17']],
  'cache-apt': [],
  'cache-npm': [['npm ci', 'npm install']],
  'cache-yarn': [['yarn install --frozen-lockfile', 'yarn install --frozen-lockfile --production']],
  'cache-pnpm': [['pnpm install --frozen-lockfile', 'pnpm install --frozen-lockfile --prod']],
  'cache-pip': [['pip install -r requirements.txt', 'pip install .']],
  'cache-go': [['go mod download', 'go build -o /out/app .']],
  'cache-nuget': [['dotnet restore', 'dotnet publish -c Release -o /app']],
  'cache-maven': [['mvn -B dependency:go-offline', 'mvn -B -DskipTests package']],
  'cache-gradle': [['gradle --no-daemon dependencies', 'gradle --no-daemon build -x test']],
  'cache-cargo': [['cargo fetch', 'cargo build --release --locked']],
  'cache-apk': [['curl ca-certificates', '--virtual .build-deps build-base']],
  'secret-file': [['/root/.npmrc', '/root/.pip/pip.conf', '/root/.netrc']],
  'secret-env': [['true', 'false']],
  'ssh-mount': [['github.com', 'gitlab.com', 'bitbucket.org']],
  'heredoc-run': [['-eux', '-eu']],
  'heredoc-copy': [['0755', '0644']],
  healthcheck: [['wget -qO /dev/null', 'curl -fsS -o /dev/null']],
  'user-alpine': [['-H', '-h /home/app']],
  'user-debian': [['--no-create-home', '--create-home']],
  syntax: [['1', '1.7', '1-labs']],
  dockerignore: [['dist', 'build', 'out']],
};

describe('snippets: files and structure (unit)', () => {
  const snippets = loadSnippets();

  it('package.json contributes every snippet file, each one valid JSON, for dockerfile or dockerignore', () => {
    const contributed = (packageJson().contributes?.snippets ?? []).map((s) => path.normalize(s.path));
    const onDisk = fs.readdirSync(path.join(ROOT, 'snippets')).map((f) => path.normalize(`snippets/${f}`));
    assert.deepEqual([...contributed].sort(), [...onDisk].sort());
    for (const c of packageJson().contributes!.snippets!)
      assert.ok(['dockerfile', 'dockerignore'].includes(c.language), c.path);
    assert.ok(snippets.length >= 25, `only ${snippets.length} snippets`);
  });

  it('the dockerignore language the template needs is contributed (VS Code 1.100 has none)', () => {
    const languages = packageJson().contributes?.languages ?? [];
    const dockerignore = languages.find((l) => l.id === 'dockerignore');
    assert.ok(dockerignore, 'no dockerignore language');
    assert.deepEqual(dockerignore.filenames, ['.dockerignore']);
    assert.deepEqual(dockerignore.filenamePatterns, ['*.dockerignore']);
    assert.ok(fs.existsSync(path.join(ROOT, dockerignore.configuration!)));
  });

  it('every prefix is unique, and every snippet has a name, a prefix and a description', () => {
    const seen = new Map<string, string>();
    for (const s of snippets) {
      assert.ok(s.prefixes.length > 0 && s.description.length > 20, `${s.name}: prefix or description missing`);
      for (const p of s.prefixes) {
        assert.ok(!seen.has(p), `prefix ${p} is used by "${seen.get(p)}" and "${s.name}"`);
        seen.set(p, s.name);
      }
    }
  });

  it('every snippet parses without surprises: no unescaped $, no unknown variables, no unclosed placeholders', () => {
    for (const s of snippets) assert.deepEqual(expandSnippet(s.body).problems, [], `${s.name} (${s.file})`);
  });

  it('every snippet has at least one tab stop besides $0', () => {
    for (const s of snippets)
      assert.ok(
        expandSnippet(s.body).tabStops.some((i) => i > 0),
        `${s.name} has no tab stop`,
      );
  });

  it('every snippet with alternatives offers them as choices', () => {
    for (const s of snippets) {
      const prefix = s.prefixes[0];
      assert.ok(prefix in ALTERNATIVES, `${prefix}: list the alternatives it offers in ALTERNATIVES (or [])`);
      const choices = [...expandSnippet(s.body).choices.values()];
      for (const wanted of ALTERNATIVES[prefix]) {
        assert.ok(
          choices.some((options) => wanted.every((w) => options.includes(w))),
          `${prefix}: no choice offers ${wanted.join(' | ')}; its choices are ${JSON.stringify(choices)}`,
        );
      }
      for (const options of choices)
        assert.equal(new Set(options).size, options.length, `${prefix}: a choice repeats an option`);
    }
    assert.deepEqual(
      Object.keys(ALTERNATIVES).sort(),
      snippets.map((s) => s.prefixes[0]).sort(),
      'ALTERNATIVES names a snippet that does not exist',
    );
  });

  it('every snippet has a $0, so the last Tab leaves the cursor after it', () => {
    for (const s of snippets) assert.ok(expandSnippet(s.body).tabStops.includes(0), `${s.name} has no $0`);
  });
});

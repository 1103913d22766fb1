// The mocha entry that @vscode/test-electron names as extensionTestsPath: it runs inside the
// real VS Code extension host, over the suite compiled by test/host/run.mjs into out/host-suite.
// It prints `N passed, N failed` and writes the same counts to DOCKWRIGHT_HOST_SUMMARY.
const fs = require('node:fs');
const path = require('node:path');
// mocha 12 is an ES module: require() gives its namespace, with the class as a named export.
const { Mocha } = require('mocha');

const compiled = path.resolve(__dirname, '../../../out/host-suite');

function run() {
  // DOCKWRIGHT_HOST_GREP=<text> runs only the tests whose title contains it.
  const only = process.env.DOCKWRIGHT_HOST_GREP;
  const grep = only ? new RegExp(only.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : undefined;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, grep });
  // The picture first, while only its Dockerfile has problems to show.
  const order = (f) => (f === 'screenshot.test.js' ? '' : f);
  // Some files need a window of their own (test/host/run.mjs opens one for each); the rest share one.
  const ownWindow = { restricted: ['untrusted.test.js', 'publicApi.test.js'], empty: ['emptyWorkspace.test.js'] };
  const alone = ownWindow[process.env.DOCKWRIGHT_HOST_WINDOW];
  const shared = (f) => !Object.values(ownWindow).flat().includes(f);
  // The bench window runs the benches built into the same folder (test/host/run.mjs --bench).
  const bench = process.env.DOCKWRIGHT_HOST_WINDOW === 'bench';
  const wanted = (f) =>
    bench ? f.endsWith('.bench.js') : f.endsWith('.test.js') && (alone ? alone.includes(f) : shared(f));
  const files = fs
    .readdirSync(compiled)
    .filter(wanted)
    .sort((a, b) => order(a).localeCompare(order(b)));
  for (const file of files) mocha.addFile(path.join(compiled, file));
  return new Promise((resolve, reject) => {
    const skipped = [];
    const runner = mocha.run((failures) => {
      const { passes = 0 } = runner.stats ?? {};
      console.log(`${passes} passed, ${failures} failed`);
      const summary = process.env.DOCKWRIGHT_HOST_SUMMARY;
      if (summary) fs.writeFileSync(summary, JSON.stringify({ passes, failures, skipped }));
      if (failures > 0) reject(new Error(`${failures} tests failed in the VS Code host`));
      else resolve();
    });
    runner.on('pending', (test) => skipped.push(`VS Code host: ${test.fullTitle()}`));
  });
}

module.exports = { run };

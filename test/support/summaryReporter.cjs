// Mocha's spec reporter, plus a JSON summary that scripts/test.mjs adds up across stages.
const Mocha = require('mocha');
const fs = require('node:fs');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const skipped = [];
    runner.on('pending', (test) => skipped.push(test.fullTitle()));
    runner.once('end', () => {
      const file = process.env.DOCKWRIGHT_TEST_SUMMARY;
      const { passes, failures } = runner.stats;
      if (file) fs.writeFileSync(file, JSON.stringify({ passes, failures, skipped }));
    });
  }
}

module.exports = SummaryReporter;

// Runs the built CLI with the arguments given and prints its peak resident memory (worker threads
// included: they share the process) to stderr as `peak-rss <bytes>` when it exits.
const path = require('node:path');

const cli = path.resolve(__dirname, '../../dist/cli.js');
process.argv = [process.argv[0], cli, ...process.argv.slice(2)];
process.on('exit', () => process.stderr.write(`peak-rss ${process.resourceUsage().maxRSS * 1024}\n`));
require(cli);

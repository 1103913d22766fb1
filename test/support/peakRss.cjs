// Preloaded into a node process (`node -r test/support/peakRss.cjs …`): at exit it writes the
// process's peak resident set size, in KiB, to $DOCKWRIGHT_PEAK_RSS_FILE. For memory checks of the
// CLI that need no tool beyond node.
'use strict';
const file = process.env.DOCKWRIGHT_PEAK_RSS_FILE;
if (file) process.on('exit', () => require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)));

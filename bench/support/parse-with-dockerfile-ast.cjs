// dockerfile-ast's parse alone, as the library ships (no Dockwright code loaded, so none of its
// memoising): the baseline that the rules' cost is measured against. Warm, in this process.
// Prints the median of `runs` passes over every file named on stdin (one path a line), in ms.
const fs = require('node:fs');
const { DockerfileParser } = require('dockerfile-ast');

const runs = Number(process.argv[2] ?? 5);
const texts = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean).map((file) => fs.readFileSync(file, 'utf8'));
const pass = () => texts.forEach((text) => DockerfileParser.parse(text));
pass(); // warm
const times = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  pass();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ medianMs: times[Math.floor(times.length / 2)] }));

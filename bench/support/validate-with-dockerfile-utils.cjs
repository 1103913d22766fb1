// The peer to beat: dockerfile-utils' validate() over every Dockerfile in a folder, as one
// process, the way a CLI over it would run. Prints how many files and diagnostics.
const fs = require('node:fs');
const path = require('node:path');
const { validate } = require('dockerfile-utils');

const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/(^|\.)Dockerfile(\.|$)|\.dockerfile$|^Containerfile$/.test(e.name) && !e.name.endsWith('.dockerignore'))
      files.push(p);
  }
};
walk(process.argv[2]);
let diagnostics = 0;
for (const file of files) diagnostics += validate(fs.readFileSync(file, 'utf8')).length;
console.log(JSON.stringify({ files: files.length, diagnostics }));

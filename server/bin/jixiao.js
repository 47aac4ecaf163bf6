#!/usr/bin/env node
// The `jixiao` CLI. Runs the compiled server (npm install / npm test build it with `tsc -b`).
'use strict';
const path = require('path');
let main;
try {
  main = require(path.join(__dirname, '..', 'dist', 'cli', 'main.js')).main;
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('jixiao: the server is not built yet; run `npm run build:node` in the repository root.\n');
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2)).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (err) => { process.stderr.write(`jixiao: ${err && err.stack ? err.stack : err}\n`); process.exit(1); },
);

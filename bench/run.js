#!/usr/bin/env node
/**
 * `npm run bench [-- part …] [-- --write]`: runs the benchmark parts (engine, library, server,
 * runtime), prints each as a markdown section, and with --write replaces that part's section in
 * BENCHMARKS.md (between `<!-- bench:NAME -->` markers), stamped with date and machine.
 * Parts are plain modules exporting `main()` (sync or async) returning `{ markdown }`.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const PARTS = {
  engine: () => require('./engine-report'),
  library: () => require('./library'),
  server: () => require('./server'),
  runtime: () => require('./runtime'),
};

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
    `${os.type()} ${os.release()}, Node ${process.version}`;
}

function replaceSection(doc, name, body) {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return doc.slice(0, i) + block + doc.slice(j + end.length);
  return `${doc.trimEnd()}\n\n${block}\n`;
}

async function main() {
  const args = process.argv.slice(2);
  const write = args.includes('--write');
  const names = args.filter((a) => !a.startsWith('--'));
  const selected = names.length ? names : Object.keys(PARTS);
  const file = path.join(__dirname, '..', 'BENCHMARKS.md');
  let doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nRun with `npm run bench` (add `-- --write` to update this file; `-- engine` for one part).\n';
  let failed = false;
  for (const name of selected) {
    const load = PARTS[name];
    if (!load) {
      console.error(`unknown bench part "${name}" (parts: ${Object.keys(PARTS).join(', ')})`);
      process.exitCode = 2;
      return;
    }
    let part;
    try {
      part = load();
    } catch (err) {
      if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(`./${name}`)) {
        console.log(`\n## ${name}: not available in this checkout`);
        continue;
      }
      throw err;
    }
    process.stderr.write(`running bench part "${name}" …\n`);
    const loadAvg = os.loadavg()[0].toFixed(2);
    try {
      const result = await part.main();
      const stamp = `_Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; 1-minute load average ${loadAvg} at the start._`;
      const body = `${result.markdown.trim()}\n\n${stamp}`;
      console.log(`\n${body}\n`);
      if (write) doc = replaceSection(doc, name, body);
    } catch (err) {
      failed = true;
      console.error(`bench part "${name}" failed: ${err && err.stack ? err.stack : err}`);
    }
  }
  if (write) fs.writeFileSync(file, doc);
  if (failed) process.exitCode = 1;
}

main();

#!/usr/bin/env node
/**
 * Build the web apps with vite: runtime → runtime/build (served at /), designer → designer/build
 * (served at /designer/).
 *
 *   node server/bin/build-web.js [--if-needed] [runtime|designer …]
 *
 * --if-needed skips an app whose build output is newer than every source file it depends on
 * (runtime/src, designer/src, engine/src, the app's index.html and vite config).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const APPS = {
  runtime: { config: 'runtime/vite.config.ts', out: 'runtime/build', sources: ['runtime/src', 'engine/src', 'runtime/index.html', 'runtime/vite.config.ts', 'runtime/vite.shared.ts'] },
  designer: {
    config: 'designer/vite.config.ts',
    out: 'designer/build',
    sources: ['designer/src', 'runtime/src', 'engine/src', 'designer/index.html', 'designer/vite.config.ts', 'runtime/vite.shared.ts'],
  },
};

/** Newest modification time (ms) of a file or of every file under a folder; 0 when absent. */
function newest(p, skipTests) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return skipTests && /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(p)) {
    if (name === 'node_modules' || name === 'build' || name === 'dist') continue;
    max = Math.max(max, newest(path.join(p, name), skipTests));
  }
  return max;
}

/** Oldest file time of a build output (its index.html is written last by vite). */
function builtAt(out) {
  try {
    return fs.statSync(path.join(ROOT, out, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

function main(argv) {
  const ifNeeded = argv.includes('--if-needed');
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--if-needed');
  if (unknown.length > 0) {
    process.stderr.write(`build-web: unknown option ${unknown.join(' ')}\nusage: build-web.js [--if-needed] [runtime|designer …]\n`);
    return 2;
  }
  const names = argv.filter((a) => !a.startsWith('-'));
  for (const n of names) {
    if (!(n in APPS)) {
      process.stderr.write(`build-web: unknown app "${n}" (runtime, designer)\n`);
      return 2;
    }
  }
  const vite = path.join(ROOT, 'node_modules/.bin/vite');
  for (const name of names.length > 0 ? names : Object.keys(APPS)) {
    const app = APPS[name];
    if (!fs.existsSync(path.join(ROOT, app.config))) {
      process.stderr.write(`build-web: ${name}: ${app.config} not found, skipped\n`);
      continue;
    }
    if (ifNeeded) {
      const src = Math.max(...app.sources.map((s) => newest(path.join(ROOT, s), true)));
      const built = builtAt(app.out);
      if (built > 0 && built >= src) {
        process.stdout.write(`build-web: ${name} is up to date (${app.out})\n`);
        continue;
      }
    }
    const started = Date.now();
    process.stdout.write(`build-web: building ${name} …\n`);
    const r = spawnSync(vite, ['build', '--config', app.config], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    });
    if (r.status !== 0) {
      process.stderr.write(`build-web: ${name} failed (exit ${r.status ?? r.signal})\n`);
      return 1;
    }
    process.stdout.write(`build-web: ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${app.out}\n`);
  }
  return 0;
}

/**
 * One build at a time per checkout: parallel test workers (and `npm start` next to a test run)
 * call this script together, and two vite builds into one output folder corrupt it. The lock is
 * an atomic mkdir; the second caller waits, then finds the build fresh with --if-needed.
 */
function withBuildLock(fn) {
  const lock = path.join(os.tmpdir(), `jixiao-build-web-${crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let age = 0;
      try {
        age = Date.now() - fs.statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > 10 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true }); // left by a killed build
      else if (Date.now() > deadline) throw new Error(`build-web: still locked by another build (${lock})`);
      else Atomics.wait(sleeper, 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

process.exitCode = withBuildLock(() => main(process.argv.slice(2)));

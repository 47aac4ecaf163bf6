/** Shared helpers of the bench parts: deterministic PRNG, timing statistics, formatting. */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

/** Deterministic PRNG (mulberry32) so every run measures the same data. */
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG: pick from a list, integer in [lo, hi], weighted pick. */
function picker(r) {
  return {
    r,
    pick: (list) => list[Math.floor(r() * list.length)],
    int: (lo, hi) => lo + Math.floor(r() * (hi - lo + 1)),
    chance: (p) => r() < p,
  };
}

/** Percentile (nearest-rank) of an array of numbers (need not be sorted). */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const k = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[k];
}

function stats(values) {
  let sum = 0;
  for (const v of values) sum += v;
  return { n: values.length, mean: values.length ? sum / values.length : NaN, p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}

const median = (values) => percentile(values, 50);

/** Milliseconds with sensible precision: 0.012 ms, 1.23 ms, 12.3 ms, 123 ms. */
function ms(v) {
  if (!Number.isFinite(v)) return '–';
  if (v < 0.1) return v.toFixed(3);
  if (v < 10) return v.toFixed(2);
  if (v < 100) return v.toFixed(1);
  return Math.round(v).toLocaleString('en-US');
}

const int = (n) => Math.round(n).toLocaleString('en-US');

/** "1-min load average x.xx on N cores" — the bench machine may be shared. */
function loadNote() {
  const [l1, l5] = os.loadavg();
  return `load average ${l1.toFixed(2)} (1 min) / ${l5.toFixed(2)} (5 min) on ${os.cpus().length} cores at the start`;
}

/**
 * A temp dir removed on exit (also on SIGINT/SIGTERM; a MariaDB bench database left by an
 * interrupted run is dropped and recreated by the next run).
 */
const tempDirs = new Set();
function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}
function removeTempDir(dir) {
  tempDirs.delete(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}
function cleanupTempDirs() {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}
process.on('exit', cleanupTempDirs);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    cleanupTempDirs();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

/** Require a compiled package entry, with a clear message when it has not been built. */
function requireDist(pkg) {
  const file = path.join(__dirname, '..', '..', pkg, 'dist', 'index.js');
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(process.cwd(), file)} is missing: build first with \`npx tsc -b engine server\``);
  }
  return require(file);
}

module.exports = { rng, picker, percentile, stats, median, ms, int, loadNote, tempDir, removeTempDir, cleanupTempDirs, requireDist };

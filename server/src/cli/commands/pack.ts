/**
 * `jixiao pack` (contract, DESIGN.md §4 and docs/packs.md):
 *   pack validate DIR|BUNDLE [--json]       exit 0, or 1 listing every problem (file:line:col or file#/json/pointer)
 *   pack build DIR -o FILE.json              one self-contained bundle (refused while the pack has errors)
 *   pack types DIR|BUNDLE -o FILE.d.ts       TypeScript interfaces of each template's submission data
 *   pack diff OLD NEW [--json] [--exit-code] templates, fields and indicators added / removed / changed
 *   pack import DIR|BUNDLE                   into the database of DATABASE_URL (same version again: no-op)
 * Exit codes: 0 ok, 1 problems in the pack (or import refused), 2 usage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import Handlebars from 'handlebars';
import { buildBundle, checkPack, diffPacks, loadPack, formatDiagnostic, formatPackDiff, type Pack, type PackDiagnostic } from '@jixiao/engine';
import { importPackFromCli } from '../../modules/packs/cli-import';
import { readPackFiles } from '../../pack/fs';
import { packTypes } from '../../pack/types-gen';
import { parseArgs, UsageError, type Command } from '../command';

export interface PackIo {
  stdout: Writable;
  stderr: Writable;
}

const USAGE = `用法 / usage:
  jixiao pack validate DIR|BUNDLE [--json]
  jixiao pack build DIR -o FILE.json
  jixiao pack types DIR|BUNDLE [-o FILE.d.ts]
  jixiao pack diff OLD NEW [--json] [--exit-code]     (OLD / NEW: pack folders or bundles)
  jixiao pack import DIR|BUNDLE                        (database from DATABASE_URL)
`;

/** Handlebars syntax of every report (the engine cannot check it: Handlebars is a server dependency). */
export function reportDiagnostics(pack: Pack): PackDiagnostic[] {
  const out: PackDiagnostic[] = [];
  for (const r of pack.reports) {
    try {
      Handlebars.precompile(r.source);
    } catch (e) {
      const msg = (e as Error).message;
      const m = /line (\d+)/i.exec(msg);
      const d: PackDiagnostic = { code: 'REPORT_SYNTAX', severity: 'error', file: r.file, path: '', params: { report: r.name }, message: `报告模板语法错误: ${msg.split('\n')[0]}` };
      if (m) {
        d.line = Number(m[1]);
        d.column = 1;
      }
      out.push(d);
    }
  }
  return out;
}

function readAt(location: string): ReturnType<typeof readPackFiles> {
  try {
    return readPackFiles(location);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`找不到 ${location}`);
    throw e;
  }
}

/** Read, load, validate a pack folder or bundle: the pack (null if unreadable) and every problem. */
export function checkPackAt(location: string): { pack: Pack | null; diagnostics: PackDiagnostic[] } {
  const read = readAt(location);
  if (read.files.size === 0) return { pack: null, diagnostics: read.diagnostics };
  const { pack, diagnostics } = checkPack(read.files);
  const all = [...read.diagnostics, ...diagnostics];
  if (pack) all.push(...reportDiagnostics(pack));
  return { pack, diagnostics: all };
}

const hasErrors = (ds: readonly PackDiagnostic[]): boolean => ds.some((d) => d.severity === 'error');

function writeDiagnostics(io: PackIo, location: string, ds: readonly PackDiagnostic[]): void {
  // files of a folder as paths; files inside a bundle as bundle.json[templates/x.json]
  const isDir = fs.existsSync(location) && fs.statSync(location).isDirectory();
  const where = (file: string): string => (isDir ? path.join(location, file) : file === path.basename(location) ? location : `${location}[${file}]`);
  const rel = (d: PackDiagnostic): string => formatDiagnostic({ ...d, file: where(d.file) });
  for (const d of ds) io.stdout.write(`${rel(d)}\n`);
}

function summary(ds: readonly PackDiagnostic[]): string {
  const e = ds.filter((d) => d.severity === 'error').length;
  const w = ds.length - e;
  return `${e} 个错误, ${w} 个警告 (${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'})`;
}

function writeOut(io: PackIo, file: string | true | undefined, text: string): void {
  if (typeof file === 'string' && file !== '-') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
  } else io.stdout.write(text);
}

function one(positionals: string[], what: string): string {
  const p = positionals[0];
  if (p === undefined || positionals.length > 1) throw new UsageError(`需要一个参数: ${what}`);
  return p;
}

/**
 * Load a pack for build/types/diff/import: errors are printed and mean exit 1. `validate: false`
 * (diff) only needs the pack to load: a pack whose cases fail can still be compared.
 */
function loadOrReport(io: PackIo, location: string, validate = true): Pack | undefined {
  let pack: Pack | null;
  let diagnostics: PackDiagnostic[];
  if (validate) ({ pack, diagnostics } = checkPackAt(location));
  else {
    const read = readAt(location);
    const loaded = loadPack(read.files);
    pack = read.files.size > 0 ? loaded.pack : null;
    diagnostics = [...read.diagnostics, ...loaded.diagnostics];
  }
  const shown = diagnostics.filter((d) => d.severity === 'error');
  if (!pack || hasErrors(diagnostics)) {
    io.stderr.write(`${location}: 模板包有错误, 请先运行 jixiao pack validate\n`);
    writeDiagnostics({ stdout: io.stderr, stderr: io.stderr }, location, shown);
    return undefined;
  }
  return pack;
}

export async function runPack(argv: string[], io: PackIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { positionals, options } = parseArgs(rest, ['json', 'exit-code']);
  switch (sub) {
    case 'validate': {
      const dir = one(positionals, 'DIR');
      const { pack, diagnostics } = checkPackAt(dir);
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify({ ok: !hasErrors(diagnostics) && pack !== null, diagnostics }, null, 2)}\n`);
      } else {
        writeDiagnostics(io, dir, diagnostics);
        if (pack) {
          const p = pack.manifest;
          io.stdout.write(
            `${p.name} ${p.version}: ${pack.templates.length} 个模板, ${pack.indicators.length} 个指标, ${pack.cases.length} 个案例; ${summary(diagnostics)}\n`,
          );
        } else io.stdout.write(`${summary(diagnostics)}\n`);
      }
      return pack && !hasErrors(diagnostics) ? 0 : 1;
    }
    case 'build': {
      const dir = one(positionals, 'DIR');
      const pack = loadOrReport(io, dir);
      if (!pack) return 1;
      const bundle = buildBundle(pack);
      const out = options.o ?? options.out;
      writeOut(io, out, `${JSON.stringify(bundle)}\n`);
      if (typeof out === 'string' && out !== '-') {
        io.stderr.write(`${out}: ${bundle.name} ${bundle.version}, ${bundle.templates.length} 个模板, ${bundle.indicators.length} 个指标, ${bundle.hash}\n`);
      }
      return 0;
    }
    case 'types': {
      const dir = one(positionals, 'DIR');
      const pack = loadOrReport(io, dir);
      if (!pack) return 1;
      writeOut(io, options.o ?? options.out, await packTypes(pack));
      return 0;
    }
    case 'diff': {
      if (positionals.length !== 2) throw new UsageError('需要两个参数: OLD NEW');
      const [a, b] = positionals as [string, string];
      const oldPack = loadOrReport(io, a, false);
      const newPack = loadOrReport(io, b, false);
      if (!oldPack || !newPack) return 1;
      const d = diffPacks(oldPack, newPack);
      io.stdout.write(options.json === true ? `${JSON.stringify(d, null, 2)}\n` : formatPackDiff(d));
      return options['exit-code'] === true && !d.identical ? 1 : 0;
    }
    case 'import': {
      const dir = one(positionals, 'DIR|BUNDLE');
      const pack = loadOrReport(io, dir);
      if (!pack) return 1;
      return importPackFromCli(pack, io);
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(USAGE);
      return sub === undefined ? 2 : 0;
    default:
      throw new UsageError(`未知的子命令 "${sub}"`);
  }
}

export const packCommand: Command = {
  summary: 'validate, build, type, diff and import template packs',
  async run(argv) {
    const io: PackIo = { stdout: process.stdout, stderr: process.stderr };
    try {
      return await runPack(argv, io);
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr.write(`jixiao pack: ${e.message}\n\n${USAGE}`);
        return 2;
      }
      throw e;
    }
  },
};

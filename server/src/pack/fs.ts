/**
 * Packs on disk: a folder (pack.json, indicators.csv|json, templates/, reports/, cases/ …) or a
 * bundle file (`jixiao pack build`), read into the `relative path → text` map that the engine's
 * pure `loadPack` takes. The only place that touches the file system for packs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleFiles, bundleHash, isBundle, loadPack, type LoadResult, type PackDiagnostic } from '@jixiao/engine';

/** Files a pack may contain (others, e.g. tests or notes, are not part of the pack). */
const PACK_EXTENSIONS = new Set(['.json', '.csv', '.hbs']);
/** Folders never read (version control, dependencies, scratch). */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface ReadResult {
  files: Map<string, string>;
  /** Problems reading files (encoding): reported like any other pack problem. */
  diagnostics: PackDiagnostic[];
  /** Whether the input was a bundle file rather than a folder. */
  bundle: boolean;
}

/**
 * Text of a pack file: UTF-8 with or without BOM. Excel's plain "CSV" export on a Chinese
 * Windows is GB18030 (GBK); it is decoded too, with a warning to export as "CSV UTF-8".
 */
export function decodeText(buf: Buffer, file: string, out: PackDiagnostic[]): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(buf);
      out.push({
        code: 'FILE_ENCODING',
        severity: 'warning',
        file,
        path: '',
        params: { encoding: 'gb18030' },
        message: '文件不是 UTF-8 编码, 已按 GBK/GB18030 读取; 建议在 Excel 中另存为 "CSV UTF-8"',
      });
      return text;
    } catch {
      out.push({ code: 'FILE_ENCODING', severity: 'error', file, path: '', params: {}, message: '文件不是 UTF-8 编码, 无法读取' });
      return '';
    }
  }
}

function walk(root: string, rel: string, files: Map<string, string>, out: PackDiagnostic[]): void {
  const dir = path.join(root, rel);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(root, relPath, files, out);
    } else if (entry.isFile() && PACK_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      const full = path.join(root, relPath);
      if (fs.statSync(full).size > MAX_FILE_BYTES) {
        out.push({ code: 'FILE_TOO_LARGE', severity: 'error', file: relPath, path: '', params: { limit: MAX_FILE_BYTES }, message: `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB` });
        continue;
      }
      files.set(relPath, decodeText(fs.readFileSync(full), relPath, out));
    }
  }
}

/** Read a pack folder, or a bundle file, into pack files. Throws (ENOENT …) when the path does not exist. */
export function readPackFiles(location: string): ReadResult {
  const diagnostics: PackDiagnostic[] = [];
  const stat = fs.statSync(location);
  if (stat.isDirectory()) {
    const files = new Map<string, string>();
    walk(location, '', files, diagnostics);
    return { files, diagnostics, bundle: false };
  }
  const file = path.basename(location);
  const text = decodeText(fs.readFileSync(location), file, diagnostics);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    diagnostics.push({ code: 'JSON_SYNTAX', severity: 'error', file, path: '', params: {}, message: `不是有效的 JSON: ${(e as Error).message}` });
    return { files: new Map(), diagnostics, bundle: true };
  }
  if (!isBundle(value)) {
    diagnostics.push({ code: 'NOT_A_BUNDLE', severity: 'error', file, path: '/format', params: {}, message: '不是模板包文件 (format 应为 "jixiao-pack-bundle"); 模板包目录请直接给出目录' });
    return { files: new Map(), diagnostics, bundle: true };
  }
  if (bundleHash(value) !== value.hash) {
    diagnostics.push({ code: 'BUNDLE_HASH', severity: 'error', file, path: '/hash', params: { hash: String(value.hash) }, message: '模板包内容与其 hash 不符 (文件被改动过?) 请重新 build' });
  }
  return { files: bundleFiles(value), diagnostics, bundle: true };
}

/** Read and load a pack folder or bundle; read problems come first in the diagnostics. */
export function loadPackFrom(location: string): LoadResult & { bundle: boolean; files: Map<string, string> } {
  const read = readPackFiles(location);
  if (read.files.size === 0) return { pack: null, diagnostics: read.diagnostics, bundle: read.bundle, files: read.files };
  const loaded = loadPack(read.files);
  return { pack: loaded.pack, diagnostics: [...read.diagnostics, ...loaded.diagnostics], bundle: read.bundle, files: read.files };
}

/**
 * A pack as ONE self-contained JSON document (`jixiao pack build`), with a content hash so that
 * importing the same content twice is recognisably a no-op. The bundle keeps every template as
 * written (the loader merges the pack's grades again), the indicator rows already normalised,
 * report sources, demo data and cases; `bundleFiles` turns it back into a pack's files, so a
 * bundle loads through the same `loadPack` as a folder.
 */
import { canonicalJson, sha256Hex } from './hash';
import type { IndicatorRow, Pack, PackCaseDocument, PackDepartment, PackManifest } from './types';
import type { Template } from '../template';

export const BUNDLE_FORMAT = 'jixiao-pack-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export interface PackBundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  name: string;
  version: string;
  /** `sha256:` + hex of the canonical JSON of everything else in the bundle. */
  hash: string;
  manifest: PackManifest;
  indicators: IndicatorRow[];
  templates: { file: string; template: Template }[];
  reports: { name: string; file: string; source: string }[];
  departments?: PackDepartment[];
  projects?: unknown[];
  cases: { file: string; case: PackCaseDocument }[];
}

/** The hash of a bundle's content (its `hash` key left out). */
export function bundleHash(bundle: Omit<PackBundle, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...content } = bundle;
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}

/**
 * The manifest without the keys that only say where files are (the bundle carries the files
 * themselves): so a folder and the bundle built from it, or from that bundle again, hash the same.
 */
function contentManifest(m: PackManifest): PackManifest {
  const { indicators: _i, templates: _t, reports: _r, departments: _d, projects: _p, ...rest } = m;
  return rest;
}

/** Build the bundle of a loaded pack (validate it first: the bundle is what gets imported). */
export function buildBundle(pack: Pack): PackBundle {
  const content: Omit<PackBundle, 'hash'> = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: pack.manifest.name,
    version: pack.manifest.version,
    manifest: contentManifest(pack.manifest),
    indicators: pack.indicators,
    templates: pack.templates.map((t) => ({ file: t.file, template: t.source })),
    reports: pack.reports.map((r) => ({ name: r.name, file: r.file, source: r.source })),
    cases: pack.cases.map((c) => ({ file: c.file, case: c.case })),
  };
  if (pack.departments) content.departments = pack.departments;
  if (pack.projects) content.projects = pack.projects;
  return { ...content, hash: bundleHash(content) };
}

/** Whether a parsed JSON value looks like a bundle (by its `format` marker). */
export function isBundle(value: unknown): value is PackBundle {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === BUNDLE_FORMAT;
}

const pretty = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/**
 * A bundle back to pack files (`relative path → text`) for `loadPack`. Indicators become
 * `indicators.json`; everything else keeps its path.
 */
export function bundleFiles(bundle: PackBundle): Map<string, string> {
  const files = new Map<string, string>();
  const manifest: PackManifest = { ...bundle.manifest, indicators: 'indicators.json', templates: bundle.templates.map((t) => t.file) };
  if (bundle.departments) manifest.departments = 'departments.json';
  else delete manifest.departments;
  if (bundle.projects) manifest.projects = 'projects.json';
  else delete manifest.projects;
  manifest.reports = Object.fromEntries(bundle.reports.map((r) => [r.name, r.file]));
  if (bundle.reports.length === 0) delete manifest.reports;
  files.set('pack.json', pretty(manifest));
  files.set('indicators.json', pretty(bundle.indicators));
  for (const t of bundle.templates) files.set(t.file, pretty(t.template));
  for (const r of bundle.reports) files.set(r.file, r.source);
  if (bundle.departments) files.set('departments.json', pretty(bundle.departments));
  if (bundle.projects) files.set('projects.json', pretty(bundle.projects));
  for (const c of bundle.cases) files.set(c.file, pretty(c.case));
  return files;
}

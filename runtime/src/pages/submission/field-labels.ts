/**
 * Data paths of a submission ("funds.carryover", "annualIndicators[2].weight") as the user reads
 * them: the template's field titles, rows numbered from 1, and values formatted by their field
 * (money grouped with two decimals, scales fixed, booleans 是/否). Used by the diff table and the
 * print view, so both read the same way as the form.
 */
import { formatScalar } from '../../form/engine-adapter';
import { displayDecimals, enumLabel, isRecord, type SchemaNode } from '../../form/template-types';
import { orderedProperties } from '../../form/to-formily';

export type PathSegment = string | number;

/** "annualIndicators[2].weight" → ['annualIndicators', 2, 'weight']. */
export function parseDataPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null) {
      out.push(part);
      continue;
    }
    if (m[1] !== undefined && m[1] !== '') out.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The schema node at a data path, or undefined when the template has no such field. */
export function nodeAt(root: SchemaNode, segments: readonly PathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const seg of segments) {
    if (node === undefined) return undefined;
    node = typeof seg === 'number' ? node.items : node.properties?.[seg];
  }
  return node;
}

/** "资金来源（元） / 上年结转", "本年度绩效指标 / 第 3 行 / 权重"; unknown keys keep their name. */
export function labelOf(root: SchemaNode, path: string): string {
  const parts: string[] = [];
  let node: SchemaNode | undefined = root;
  for (const seg of parseDataPath(path)) {
    if (typeof seg === 'number') {
      parts.push(`第 ${seg + 1} 行`);
      node = node?.items;
      continue;
    }
    node = node?.properties?.[seg];
    parts.push(node?.title ?? seg);
  }
  return parts.join(' / ');
}

export const EMPTY_TEXT = '（空）';

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A scalar as the form shows it, without units: money "1,234,567.89", scales fixed. */
export function formatScalarValue(node: SchemaNode | undefined, v: unknown): string {
  if (isBlank(v)) return '';
  const label = enumLabel(node, v);
  if (label !== undefined) return label;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number' && node !== undefined) {
    const decimals = displayDecimals(node);
    return formatScalar(v, { decimals, money: node['x-money'] === true });
  }
  if (typeof v === 'number') return formatScalar(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? '';
}

/** Any value at a path (a scalar, a whole row added or removed, a list of tags) as one line of text. */
export function formatValue(node: SchemaNode | undefined, v: unknown): string {
  if (isBlank(v)) return EMPTY_TEXT;
  if (Array.isArray(v)) return v.map((x) => formatValue(node?.items, x)).join('、');
  if (isRecord(v)) {
    const shown = node?.properties !== undefined ? orderedProperties(node).map(([k]) => k) : Object.keys(v);
    return shown
      .filter((k) => !isBlank(v[k]))
      .map((k) => {
        const child = node?.properties?.[k];
        return `${child?.title ?? k}：${formatValue(child, v[k])}`;
      })
      .join('；');
  }
  return formatScalarValue(node, v);
}

/**
 * Differences between two template versions, by field data path (`adjusted`, `budget.spent`,
 * `indicators[].score`, the engine's walkSchema paths):
 * - added / removed: fields present in only one version;
 * - changed: fields whose own definition differs (children are compared on their own, so a new
 *   column in a table lists the column, not the table);
 * - meta: top-level keys other than `schema`, `id` and `version` that differ (title, scoring,
 *   variants, reports, kind, description), and `schema` when the root object's own keys (e.g.
 *   `required`) differ.
 */
import { walkSchema, type FieldSchema } from '@jixiao/engine';

export interface TemplateDiff {
  added: string[];
  removed: string[];
  changed: string[];
  meta: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON text with object keys sorted, for equality. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A schema node without its children (properties of objects, items' properties of arrays). */
function ownPart(node: FieldSchema): unknown {
  const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
  delete copy.properties;
  if (isRecord(copy.items)) {
    const items: Record<string, unknown> = { ...copy.items };
    delete items.properties;
    copy.items = items;
  }
  return copy;
}

function fieldMap(template: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isRecord(template) || !isRecord(template.schema)) return out;
  for (const f of walkSchema(template.schema as FieldSchema)) out.set(f.path, canonical(ownPart(f.schema)));
  return out;
}

export function diffTemplates(from: unknown, to: unknown): TemplateDiff {
  const a = fieldMap(from);
  const b = fieldMap(to);
  const added = [...b.keys()].filter((k) => !a.has(k));
  const removed = [...a.keys()].filter((k) => !b.has(k));
  const changed = [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k));
  const meta: string[] = [];
  const ra = isRecord(from) ? from : {};
  const rb = isRecord(to) ? to : {};
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => k !== 'id' && k !== 'version' && k !== 'schema').sort();
  for (const k of keys) if (canonical(ra[k]) !== canonical(rb[k])) meta.push(k);
  const rootA = isRecord(ra.schema) ? ownPart(ra.schema as FieldSchema) : null;
  const rootB = isRecord(rb.schema) ? ownPart(rb.schema as FieldSchema) : null;
  if (canonical(rootA) !== canonical(rootB)) meta.push('schema');
  return { added, removed, changed, meta };
}

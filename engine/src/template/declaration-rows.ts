/**
 * `x-declaration`: a table of a later form (绩效自评, 绩效运行监控) that starts with the rows of a
 * table of the project's approved declaration — the indicators the unit declared, with their
 * targets and weights — so the unit enters what was achieved instead of typing the indicators
 * again. `"x-declaration": "annualIndicators"` names the declaration's table (a path at its root).
 *
 * Each row keeps the columns both tables have, where the value fits the column (type, `enum`);
 * computed columns are left to the engine. A table the creator sent rows for is left as sent.
 * Tables at the root of the form only.
 */
import { fitsField } from './field-fit';
import { fieldsOf } from './fields';
import type { Template } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The value at a dotted path of a JSON document (own properties only). */
function valueAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const k of path.split('.')) {
    if (!isRecord(cur) || !own(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/**
 * A copy of `data` with each `x-declaration` table the creator left out filled from the
 * declaration's values (`declaration`: the stored values of the approved declaration).
 */
export function prefillFromDeclaration(template: Template, declaration: unknown, data: Record<string, unknown> = {}): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const fields = fieldsOf(template);
  for (const table of fields.list) {
    const source = table.schema['x-declaration'];
    if (source === undefined || table.kind !== 'array' || table.depth !== 0 || table.segments.length !== 1) continue;
    const key = table.key;
    if (own(out, key)) continue;
    const rows = valueAt(declaration, source);
    if (!Array.isArray(rows)) continue;
    const columns = fields.list.filter((c) => c.array === table.path && c.kind === 'scalar' && !c.computed && c.rowPath?.length === 1);
    out[key] = rows.filter(isRecord).map((row) => {
      const copy: Record<string, unknown> = {};
      for (const c of columns) {
        if (own(row, c.key) && row[c.key] !== null && fitsField(c.schema, row[c.key])) copy[c.key] = row[c.key];
      }
      return copy;
    });
  }
  return out;
}

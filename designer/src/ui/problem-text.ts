/**
 * One line per template problem for the problems lists: the field's title and key path when the
 * diagnostic is about a field (`执行率（rate）：…`), else the pointer.
 */
import { parsePointer, type Diagnostic, type Template } from '@jixiao/engine';
import { fieldAt } from '../model/tree';

/** `/schema/properties/a/items/properties/b` → `a.b` (the keys, as formulas name them). */
export function keyPath(pointer: string): string {
  const tokens = parsePointer(pointer);
  return tokens.filter((_, i) => tokens[i - 1] === 'properties').join('.');
}

export function problemText(template: Template, d: Diagnostic, fieldPointer: string | null): string {
  if (fieldPointer === null) return d.path === '' ? d.message : `${d.path}：${d.message}`;
  const title = fieldAt(template, fieldPointer)?.title;
  const key = keyPath(fieldPointer);
  return `${title !== undefined && title !== '' ? `${title}（${key}）` : key}：${d.message}`;
}

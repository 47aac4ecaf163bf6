import fs from 'node:fs';
import path from 'node:path';
import { resolveForDepartment } from '../src/form/engine-adapter';
import type { TemplateDoc } from '../src/form/template-types';

const selfEval = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../templates/demo-street/templates/street-self-eval.json'), 'utf8'),
) as TemplateDoc;

const execTitle = (t: TemplateDoc) => (t.schema as { properties: Record<string, { title?: string }> }).properties.execScore?.title;

describe('resolveForDepartment (designer preview and ?dept=)', () => {
  test('applies the department overlay, so 环卫中心 sees its 20-point execution score', () => {
    expect(execTitle(resolveForDepartment(selfEval, 'HWZX'))).toBe('预算执行得分（20 分）');
  });
  test('a child department inherits its parent overlay when the tree is given', () => {
    const resolved = resolveForDepartment(selfEval, 'HWZX-1', (code) => (code === 'HWZX-1' ? 'HWZX' : null));
    expect(execTitle(resolved)).toBe('预算执行得分（20 分）');
  });
  test('without a department, or for a template the server already resolved, the template is kept', () => {
    expect(resolveForDepartment(selfEval, undefined)).toBe(selfEval);
    const fromServer = { ...selfEval, resolvedFor: 'HWZX' } as TemplateDoc;
    expect(resolveForDepartment(fromServer, 'HWZX')).toBe(fromServer);
  });
});

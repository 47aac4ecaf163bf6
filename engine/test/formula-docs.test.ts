/**
 * docs/formula-language.md is the users' contract: every registered function must be
 * documented there. Its function reference (between the `functions:begin/end` markers) is
 * generated from the declarations; `JIXIAO_UPDATE_DOCS=1 npx jest engine/test/formula-docs.test.ts`
 * rewrites it, otherwise a stale reference fails this test.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { defaultRegistry } from '../src/formula/functions/registry';
import type { FunctionCategory, FunctionDecl, ParamSpec } from '../src/formula/functions/types';

const DOC = join(__dirname, '..', '..', 'docs', 'formula-language.md');
const BEGIN = '<!-- functions:begin -->';
const END = '<!-- functions:end -->';

const CATEGORIES: readonly [FunctionCategory, string][] = [
  ['math', '数学函数'],
  ['statistical', '统计函数'],
  ['logical', '逻辑函数'],
  ['text', '文本函数'],
  ['date', '日期函数'],
  ['info', '信息函数'],
  ['domain', '绩效业务函数'],
];

const RETURNS: Record<FunctionDecl['returns'], string> = {
  number: '数值',
  text: '文本',
  logical: '逻辑值',
  date: '日期序号',
  any: '任意值',
};

function signature(d: FunctionDecl): string {
  const parts = d.params.map((p: ParamSpec) => {
    if (p.repeat) return p.optional ? `[${p.name}], …` : `${p.name}1, [${p.name}2], …`;
    return p.optional ? `[${p.name}]` : p.name;
  });
  return `${d.name}(${parts.join(', ')})`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function renderFunction(d: FunctionDecl): string {
  const lines = [`### ${d.name}`, '', `\`${signature(d)}\` → ${RETURNS[d.returns]}${d.lazy ? '（只计算被选中的参数）' : ''}`, '', d.description, ''];
  if (d.params.length > 0) {
    lines.push('| 参数 | 说明 |', '|---|---|');
    for (const p of d.params) lines.push(`| \`${p.name}\`${p.optional ? '（可省略）' : ''}${p.repeat ? '（可重复）' : ''} | ${cell(p.doc)} |`);
    lines.push('');
  }
  lines.push('示例：', '');
  for (const e of d.examples) {
    const data = e.data ? `（数据：\`${JSON.stringify(e.data)}\`）` : '';
    lines.push(`- \`${e.formula}\` → \`${e.result}\`${data}`);
  }
  lines.push('');
  return lines.join('\n');
}

export function renderReference(list: readonly FunctionDecl[]): string {
  const out: string[] = [''];
  for (const [cat, title] of CATEGORIES) {
    const fns = list.filter((d) => d.category === cat);
    if (fns.length === 0) continue;
    out.push(`### ${title}`, '', fns.map((d) => `[${d.name}](#${d.name.toLowerCase()})`).join(' · '), '');
    for (const d of fns) out.push(renderFunction(d).replace(/^### /, '#### '));
  }
  return out.join('\n');
}

function splice(doc: string, body: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${DOC} lacks the ${BEGIN} … ${END} markers`);
  return doc.slice(0, a + BEGIN.length) + body + doc.slice(b);
}

const list = defaultRegistry.list();

if (process.env.JIXIAO_UPDATE_DOCS === '1') {
  const doc = readFileSync(DOC, 'utf8');
  writeFileSync(DOC, splice(doc, renderReference(list)));
}

describe('docs/formula-language.md', () => {
  const doc = readFileSync(DOC, 'utf8');
  test.each(list.map((d) => [d.name]))('documents %s', (name) => {
    expect(doc).toMatch(new RegExp(`^#{3,4} ${name.replace(/\./g, '\\.')}$`, 'm'));
  });
  test('the generated function reference is up to date (JIXIAO_UPDATE_DOCS=1 regenerates it)', () => {
    expect(splice(doc, renderReference(list))).toBe(doc);
  });
  test('every category present has a title', () => {
    for (const d of list) expect(CATEGORIES.some(([c]) => c === d.category)).toBe(true);
  });
});

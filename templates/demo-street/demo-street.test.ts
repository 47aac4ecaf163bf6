/**
 * The demo street office's projects.json reproduces the dashboard of seed 000
 * ("各单位支出明细", 进度排名, 项目情况) with exact decimal arithmetic:
 * adjusted = requested + adjustment, balance = adjusted − spent, progress = spent / adjusted,
 * share = unit adjusted / department adjusted, percentages truncated to 2 decimals.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { add, cmp, div, formatFixed, mul, parseDecimalLiteral, round, sub, DIV_BY_ZERO, type Num } from '@jixiao/engine';

interface Entry { month: number; amount: string; date?: string; memo?: string }
interface Project {
  code: string;
  name: string;
  department: string;
  fiscalYear: number;
  budgetType: string;
  projectType: string;
  requested: string;
  initialBudget: string;
  adjustment: string;
  sources: { source: string; amount: string }[];
  spending: Entry[];
}
interface Dept { code: string; name: string; parent: string | null }

const dir = __dirname;
const projects = JSON.parse(readFileSync(join(dir, 'projects.json'), 'utf8')) as Project[];
const departments = JSON.parse(readFileSync(join(dir, 'departments.json'), 'utf8')) as Dept[];

const money = (s: string): Num => parseDecimalLiteral(s);
const sum = (xs: Num[]): Num => xs.reduce<Num>((acc, x) => add(acc, x), 0);
const fixed2 = (x: Num): string => formatFixed(x, 2);
const spentOf = (p: Project): Num => sum(p.spending.map((e) => money(e.amount)));
const adjustedOf = (p: Project): Num => add(money(p.requested), money(p.adjustment));

/** spent / base as a percentage truncated to 2 decimals, as the dashboard shows it. */
function pct(part: Num, base: Num): string {
  const q = div(part, base);
  if (q === DIV_BY_ZERO) throw new Error('division by zero');
  return fixed2(round(mul(q, 100), 2, 'down'));
}

interface UnitRow { requested: Num; initial: Num; adjustment: Num; adjusted: Num; spent: Num; balance: Num }
function unitRow(year: number, dept: string): UnitRow {
  const ps = projects.filter((p) => p.fiscalYear === year && p.department === dept);
  expect(ps.length).toBeGreaterThan(0);
  const requested = sum(ps.map((p) => money(p.requested)));
  const initial = sum(ps.map((p) => money(p.initialBudget)));
  const adjustment = sum(ps.map((p) => money(p.adjustment)));
  const adjusted = sum(ps.map(adjustedOf));
  const spent = sum(ps.map(spentOf));
  return { requested, initial, adjustment, adjusted, spent, balance: sub(adjusted, spent) };
}
const show = (r: UnitRow) => [r.requested, r.initial, r.adjustment, r.adjusted, r.spent, r.balance].map(fixed2);

describe('demo-street departments', () => {
  it('has the fixed codes under JDB', () => {
    expect(departments.find((d) => d.code === 'JDB')).toEqual({ code: 'JDB', name: '街道办事处', parent: null });
    const children = departments.filter((d) => d.parent === 'JDB').map((d) => d.code);
    expect(children).toEqual(['DQZX', 'JDBJ', 'HWZX', 'AJB', 'CL', 'CGB', 'JJJCB', 'RDB', 'GGB', 'YJB', 'WHZ', 'ZHZX']);
  });
  it('every project belongs to a known department and has a unique code', () => {
    const codes = new Set(departments.map((d) => d.code));
    for (const p of projects) expect(codes.has(p.department)).toBe(true);
    expect(new Set(projects.map((p) => p.code)).size).toBe(projects.length);
  });
});

describe('demo-street projects.json', () => {
  it('amounts are strings with exactly 2 decimals', () => {
    const re = /^-?\d+\.\d{2}$/;
    for (const p of projects) {
      for (const a of [p.requested, p.initialBudget, p.adjustment, ...p.sources.map((s) => s.amount), ...p.spending.map((e) => e.amount)]) {
        expect(a).toMatch(re);
      }
    }
  });
  it('funding sources add up to the adjusted budget; budget types and sources are valid', () => {
    const types = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '社会保险基金预算'];
    for (const p of projects) {
      expect(types).toContain(p.budgetType);
      for (const s of p.sources) expect(['财政拨款', '上年结转', '其他资金']).toContain(s.source);
      expect(fixed2(sum(p.sources.map((s) => money(s.amount))))).toBe(fixed2(adjustedOf(p)));
    }
  });
  it('spending entries lie in the fiscal year, months 1–12, dates matching the month', () => {
    for (const p of projects) {
      for (const e of p.spending) {
        expect(e.month).toBeGreaterThanOrEqual(1);
        expect(e.month).toBeLessThanOrEqual(12);
        if (e.date) {
          const [y, m] = e.date.split('-').map(Number);
          expect(y).toBe(p.fiscalYear);
          expect(m).toBe(e.month);
        }
      }
      expect(cmp(spentOf(p), adjustedOf(p))).toBeLessThanOrEqual(0);
    }
  });
});

describe('seed 000 各单位支出明细 (fiscal year 2021)', () => {
  const dq = unitRow(2021, 'DQZX');
  const jb = unitRow(2021, 'JDBJ');
  const hw = unitRow(2021, 'HWZX');
  const units2021 = new Set(projects.filter((p) => p.fiscalYear === 2021).map((p) => p.department));
  const total: UnitRow = {
    requested: sum([dq.requested, jb.requested, hw.requested]),
    initial: sum([dq.initial, jb.initial, hw.initial]),
    adjustment: sum([dq.adjustment, jb.adjustment, hw.adjustment]),
    adjusted: sum([dq.adjusted, jb.adjusted, hw.adjusted]),
    spent: sum([dq.spent, jb.spent, hw.spent]),
    balance: sum([dq.balance, jb.balance, hw.balance]),
  };

  it('only 党群中心, 街道本级 and 环卫中心 have 2021 projects', () => {
    expect([...units2021].sort()).toEqual(['DQZX', 'HWZX', 'JDBJ']);
  });
  it('党群中心 row (adjustment corrected to −3,175,000.00)', () => {
    expect(show(dq)).toEqual(['7249000.00', '376000.00', '-3175000.00', '4074000.00', '450000.00', '3624000.00']);
  });
  it('街道本级 row', () => {
    expect(show(jb)).toEqual(['6273000.00', '0.00', '4064000.00', '10337000.00', '314000.00', '10023000.00']);
  });
  it('环卫中心 row', () => {
    expect(show(hw)).toEqual(['26810000.00', '0.00', '-24129000.00', '2681000.00', '80000.00', '2601000.00']);
  });
  it('总计 row', () => {
    expect(show(total)).toEqual(['40332000.00', '376000.00', '-23240000.00', '17092000.00', '844000.00', '16248000.00']);
  });
  it('支出进度 truncated: 11.04%, 3.03%, 2.98%, total 4.93%', () => {
    expect([dq, jb, hw, total].map((r) => pct(r.spent, r.adjusted))).toEqual(['11.04', '3.03', '2.98', '4.93']);
  });
  it('单位预算占部门预算比例 truncated: 23.83%, 60.47%, 15.68%', () => {
    expect([dq, jb, hw].map((r) => pct(r.adjusted, total.adjusted))).toEqual(['23.83', '60.47', '15.68']);
    // the 总计 row shows 100%: the shares themselves are exact before truncation
    expect(pct(total.adjusted, total.adjusted)).toBe('100.00');
  });
  it('预算执行率排名 orders 党群中心, 街道本级, 环卫中心', () => {
    const ranked = [
      ['党群中心', dq],
      ['街道本级', jb],
      ['环卫中心', hw],
    ].sort((a, b) => cmp(div((b[1] as UnitRow).spent, (b[1] as UnitRow).adjusted) as Num, div((a[1] as UnitRow).spent, (a[1] as UnitRow).adjusted) as Num));
    expect(ranked.map((r) => r[0])).toEqual(['党群中心', '街道本级', '环卫中心']);
  });
  it('the seed’s −3,274,000.00 for 党群中心 does not add up', () => {
    expect(fixed2(add(money('7249000.00'), money('-3274000.00')))).not.toBe('4074000.00');
  });
});

describe('seed 000 进度排名 (fiscal year 2022, as of 2022-02)', () => {
  it('指挥中心: 3,760,000 / 376,000 / −3,384,000 → 376,000, spent 70,000, balance 306,000', () => {
    const r = unitRow(2022, 'ZHZX');
    expect(show(r)).toEqual(['3760000.00', '376000.00', '-3384000.00', '376000.00', '70000.00', '306000.00']);
  });
  it('文化站: 2,900,000 / 0 / +110,000 → 3,010,000 (seed prints 3,109,000), spent 350,000, balance 2,660,000', () => {
    const r = unitRow(2022, 'WHZ');
    expect(show(r)).toEqual(['2900000.00', '0.00', '110000.00', '3010000.00', '350000.00', '2660000.00']);
  });
  it('年初预算占年初总预算比例: 100% and 0%; ranking 指挥中心 before 文化站', () => {
    const zh = unitRow(2022, 'ZHZX');
    const wh = unitRow(2022, 'WHZ');
    const initTotal = add(zh.initial, wh.initial);
    expect([pct(zh.initial, initTotal), pct(wh.initial, initTotal)]).toEqual(['100.00', '0.00']);
    expect(cmp(div(zh.spent, zh.adjusted) as Num, div(wh.spent, wh.adjusted) as Num)).toBe(1);
  });
});

describe('seed 000 项目情况 (fiscal year 2023)', () => {
  const byName = (name: string): Project => {
    const p = projects.find((x) => x.name === name);
    if (!p) throw new Error(name);
    return p;
  };
  it('文体中心业务经费: 899,000 adjusted, spent 100,000 → 11.12%', () => {
    const p = byName('文体中心业务经费');
    expect(fixed2(adjustedOf(p))).toBe('899000.00');
    expect(fixed2(spentOf(p))).toBe('100000.00');
    expect(pct(spentOf(p), adjustedOf(p))).toBe('11.12');
  });
  it('垃圾分类专项经费: 1,000,000 budget, nothing spent → 0%', () => {
    const p = byName('广州市**区城市管理和综合执法局分解-垃圾分类专项经费');
    expect([fixed2(money(p.initialBudget)), fixed2(adjustedOf(p)), fixed2(spentOf(p))]).toEqual(['1000000.00', '1000000.00', '0.00']);
    expect(pct(spentOf(p), adjustedOf(p))).toBe('0.00');
  });
});

describe('报警状态 by the ratio rule (v = 支出进度 / 序时进度 × 100; < 80 → 警告)', () => {
  // the dashboard's "as of" month per fiscal year (README: 2021 → end of March, 2022 → end of February):
  // the latest month with a payment record in that year
  const monthOf = (year: number): number => Math.max(...projects.filter((p) => p.fiscalYear === year).flatMap((p) => p.spending.map((e) => e.month)));
  function status(year: number, dept: string): '警告' | '正常' {
    const r = unitRow(year, dept);
    const q = div(r.spent, r.adjusted);
    if (q === DIV_BY_ZERO) return '警告';
    const v = div(mul(q, 100), div(monthOf(year), 12) as Num);
    if (v === DIV_BY_ZERO) throw new Error('month 0');
    return cmp(v, 80) < 0 ? '警告' : '正常';
  }
  it('2021 (month 3): all three units 警告', () => {
    expect(['DQZX', 'JDBJ', 'HWZX'].map((d) => status(2021, d))).toEqual(['警告', '警告', '警告']);
  });
  it('2022 (month 2): 指挥中心 正常, 文化站 警告', () => {
    expect([status(2022, 'ZHZX'), status(2022, 'WHZ')]).toEqual(['正常', '警告']);
  });
});

/**
 * Domain helpers of budget performance management: scoring rules (DOMAIN.md §5, §3.3), grades
 * (§5.6), monitoring lights (§6) and truncated percentages (§7.6). Scoring presets
 * (scoring/presets.ts) compile to formulas calling these, so the trace shows readable text.
 *
 * Context: GRADE reads `ctx.grades`; SCORE_QUALITATIVE / SCORE_BY_DIRECTION read the qualitative
 * bands from `ctx.extra.qualitative`; WARNING_LIGHT reads `ctx.extra.warning` (rule) and
 * `ctx.extra.month` (when no month argument is given). Missing context → documented defaults.
 */
import { isNum, mul, trunc, type Num } from '../../number';
import { MOF_GRADES, gradeOf } from '../../scoring/grades';
import { DEFAULT_QUALITATIVE_BANDS, directionKind, scoreDeduct, scoreEqual, scorePositive, scoreQualitative, scoreReverse, type PartialStep } from '../../scoring/rules';
import { DEFAULT_WARNING, qualitativeLight, warningLight } from '../../scoring/warning';
import type { QualitativeBand, WarningRule } from '../../template/types';
import { toNumber, toText } from '../coerce';
import { ErrorValue, isError, type Value } from '../values';
import type { CallContext, FunctionDecl, ParamSpec } from './types';

const num = (name: string, doc: string, optional = false): ParamSpec => ({ name, kind: 'number', doc, ...(optional ? { optional } : {}) });
const text = (name: string, doc: string, optional = false): ParamSpec => ({ name, kind: 'text', doc, ...(optional ? { optional } : {}) });

const P_ACTUAL = num('actual', '实际完成值（负数按 0 计）');
const P_TARGET = num('target', '年度指标值');
const P_WEIGHT = num('weight', '分值（权重）');

/** Numbers of the arguments, or the first error. */
function nums(args: readonly Value[], count: number): Num[] | ErrorValue {
  const out: Num[] = [];
  for (let i = 0; i < count; i++) {
    const n = toNumber(args[i] ?? null);
    if (isError(n)) return n;
    out.push(n);
  }
  return out;
}

function textArg(v: Value | undefined): string | ErrorValue {
  return toText(v ?? null);
}

/** A blank argument as null, else its number (or error). */
function optionalNum(v: Value | undefined): Num | null | ErrorValue {
  if (v === undefined || v === null || v === '') return null;
  return toNumber(v);
}

function variantArg(v: Value | undefined): 'A' | 'B' | ErrorValue {
  if (v === undefined || v === null) return 'A';
  const t = toText(v);
  if (isError(t)) return t;
  const u = t.trim().toUpperCase();
  if (u === '' || u === 'A') return 'A';
  if (u === 'B') return 'B';
  return new ErrorValue('#VALUE!', `反向指标算法应为 "A" 或 "B"，而不是“${t}”`);
}

function isBandList(x: unknown): x is QualitativeBand[] {
  return Array.isArray(x) && x.every((b) => b && typeof b === 'object' && typeof (b as QualitativeBand).label === 'string');
}

function qualitativeBands(ctx: CallContext): readonly QualitativeBand[] {
  const q = ctx.extra?.qualitative;
  return isBandList(q) ? q : DEFAULT_QUALITATIVE_BANDS;
}

function warningRule(ctx: CallContext): WarningRule {
  const w = ctx.extra?.warning;
  if (w && typeof w === 'object' && ((w as WarningRule).rule === 'ratio' || (w as WarningRule).rule === 'gap')) return w as WarningRule;
  return DEFAULT_WARNING;
}

function qualitative(args: readonly Value[], ratingAt: number, weight: Num, enteredAt: number, ctx: CallContext): Value {
  const rating = textArg(args[ratingAt]);
  if (isError(rating)) return rating;
  const entered = optionalNum(args[enteredAt]);
  if (isError(entered)) return entered;
  return scoreQualitative(rating, weight, entered, qualitativeBands(ctx));
}

export const DOMAIN_FUNCTIONS: FunctionDecl[] = [
  {
    name: 'SCORE_POSITIVE',
    category: 'domain',
    params: [P_ACTUAL, P_TARGET, P_WEIGHT],
    returns: 'number',
    description: '正向指标（≥、＞）得分：实际值达到指标值得满分，否则按 实际值/指标值×分值 计分，封顶满分，保留两位小数',
    examples: [
      { formula: 'SCORE_POSITIVE(450, 500, 20)', result: '18' },
      { formula: 'SCORE_POSITIVE(97, 95, 15)', result: '15' },
    ],
    impl: (args) => {
      const n = nums(args, 3);
      return isError(n) ? n : scorePositive(n[0] as Num, n[1] as Num, n[2] as Num);
    },
  },
  {
    name: 'SCORE_EQUAL',
    category: 'domain',
    params: [P_ACTUAL, P_TARGET, P_WEIGHT],
    returns: 'number',
    description: '等于型指标（＝）得分：指标值为 0 时实际值不大于 0 得满分、否则 0 分；指标值大于 0 时按正向指标计分',
    examples: [
      { formula: 'SCORE_EQUAL(0, 0, 10)', result: '10' },
      { formula: 'SCORE_EQUAL(1, 0, 10)', result: '0' },
    ],
    impl: (args) => {
      const n = nums(args, 3);
      return isError(n) ? n : scoreEqual(n[0] as Num, n[1] as Num, n[2] as Num);
    },
  },
  {
    name: 'SCORE_REVERSE',
    category: 'domain',
    params: [P_ACTUAL, P_TARGET, P_WEIGHT, text('variant', '算法："A"（超出部分按比例扣分，达到 2 倍指标值得 0 分，默认）或 "B"（指标值/实际值×分值）', true)],
    returns: 'number',
    description: '反向指标（≤、＜）得分：实际值不超过指标值得满分；超出时按算法 A 或 B 计分，保留两位小数',
    examples: [
      { formula: 'SCORE_REVERSE(33, 30, 15, "A")', result: '13.5' },
      { formula: 'SCORE_REVERSE(33, 30, 15, "B")', result: '13.64' },
      { formula: 'SCORE_REVERSE(60, 30, 15)', result: '0' },
    ],
    impl: (args) => {
      const n = nums(args, 3);
      if (isError(n)) return n;
      const v = variantArg(args[3]);
      return isError(v) ? v : scoreReverse(n[0] as Num, n[1] as Num, n[2] as Num, v);
    },
  },
  {
    name: 'SCORE_QUALITATIVE',
    category: 'domain',
    params: [text('rating', '定性评价（达成年度指标 / 部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差，可写前缀“达成”等）'), P_WEIGHT, num('score', '评价人录入的得分（须在该档区间内；留空按该档默认比例计分）', true)],
    returns: 'number',
    description: '定性指标得分：按评价档次计分；录入得分超出该档区间时返回 #NUM! 并报告 SCORE_OUT_OF_BAND',
    examples: [
      { formula: 'SCORE_QUALITATIVE("达成", 15)', result: '15' },
      { formula: 'SCORE_QUALITATIVE("部分达成", 10)', result: '7' },
      { formula: 'SCORE_QUALITATIVE("部分达成", 10, 9)', result: '#NUM!' },
    ],
    impl: (args, ctx) => {
      const w = toNumber(args[1] ?? null);
      return isError(w) ? w : qualitative(args, 0, w, 2, ctx);
    },
  },
  {
    name: 'SCORE_BY_DIRECTION',
    category: 'domain',
    params: [
      text('direction', '指标性质：≥ ＞ ＝ ＜ ≤ 定性（也可写 >= <=）'),
      { name: 'actual', kind: 'any', doc: '实际完成值' },
      { name: 'target', kind: 'any', doc: '年度指标值（定性指标可为文字）' },
      P_WEIGHT,
      text('variant', '反向指标算法 "A"（默认）或 "B"', true),
      text('rating', '定性评价（定性指标）', true),
      num('score', '定性指标录入的得分', true),
    ],
    returns: 'number',
    description: '按指标性质选择计分规则：≥ ＞ 正向，＝ 等于，≤ ＜ 反向，定性 按评价档次',
    examples: [
      { formula: 'SCORE_BY_DIRECTION("≥", 450, 500, 20)', result: '18' },
      { formula: 'SCORE_BY_DIRECTION("≤", 33, 30, 15, "A")', result: '13.5' },
      { formula: 'SCORE_BY_DIRECTION("定性", "", "", 15, "A", "达成")', result: '15' },
    ],
    impl: (args, ctx) => {
      const dir = textArg(args[0]);
      if (isError(dir)) return dir;
      const kind = directionKind(dir);
      if (kind === undefined) return new ErrorValue('#N/A', dir.trim() === '' ? '未填写指标性质' : `指标性质“${dir}”不能自动计分`);
      const w = toNumber(args[3] ?? null);
      if (isError(w)) return w;
      if (kind === 'qualitative') return qualitative(args, 5, w, 6, ctx);
      const a = toNumber(args[1] ?? null);
      if (isError(a)) return a;
      const t = toNumber(args[2] ?? null);
      if (isError(t)) return t;
      if (kind === 'positive') return scorePositive(a, t, w);
      if (kind === 'equal') return scoreEqual(a, t, w);
      const v = variantArg(args[4]);
      return isError(v) ? v : scoreReverse(a, t, w, v);
    },
  },
  {
    name: 'SCORE_DEDUCT',
    category: 'domain',
    params: [
      num('value', '考核值（如在职人员控制率 %）'),
      num('threshold', '满分界限（如 100）'),
      P_WEIGHT,
      text('direction', '"above"：高于界限扣分；"below"：低于界限扣分'),
      num('step', '每一档的幅度（如 1 个百分点、5%）'),
      num('points', '每档扣分'),
      text('partial', '不足一档时："prorate" 按比例（默认）、"floor" 不扣、"ceil" 按一档扣', true),
    ],
    returns: 'number',
    description: '扣分制：在界限内得满分，超出界限每一档扣相应分数，扣完为止，保留两位小数',
    examples: [
      { formula: 'SCORE_DEDUCT(103, 100, 5, "above", 1, 0.5)', result: '3.5' },
      { formula: 'SCORE_DEDUCT(90, 100, 5, "below", 5, 2)', result: '1' },
    ],
    impl: (args) => {
      const n = nums(args, 3);
      if (isError(n)) return n;
      const d = textArg(args[3]);
      if (isError(d)) return d;
      const dir = d.trim().toLowerCase();
      if (dir !== 'above' && dir !== 'below') return new ErrorValue('#VALUE!', `扣分方向应为 "above" 或 "below"，而不是“${d}”`);
      const s = nums([args[4] ?? null, args[5] ?? null], 2);
      if (isError(s)) return s;
      let partial: PartialStep = 'prorate';
      if (args[6] !== undefined && args[6] !== null) {
        const p = textArg(args[6]);
        if (isError(p)) return p;
        const pl = p.trim().toLowerCase();
        if (pl !== 'prorate' && pl !== 'floor' && pl !== 'ceil') return new ErrorValue('#VALUE!', `不足一档的处理应为 prorate / floor / ceil，而不是“${p}”`);
        partial = pl;
      }
      return scoreDeduct(n[0] as Num, n[1] as Num, n[2] as Num, dir, s[0] as Num, s[1] as Num, partial);
    },
  },
  {
    name: 'GRADE',
    category: 'domain',
    params: [num('score', '总分')],
    returns: 'text',
    description: '按模板的等级划分（默认 优 ≥90、良 ≥80、中 ≥60、差）给出评价等级，下限包含在内',
    examples: [
      { formula: 'GRADE(91.19)', result: '"优"' },
      { formula: 'GRADE(60)', result: '"中"' },
    ],
    impl: (args, ctx) => {
      const n = toNumber(args[0] ?? null);
      if (isError(n)) return n;
      const label = gradeOf(n, ctx.grades && ctx.grades.length > 0 ? ctx.grades : MOF_GRADES);
      return label ?? new ErrorValue('#N/A', '分数低于所有等级的下限');
    },
  },
  {
    name: 'WARNING_LIGHT',
    category: 'domain',
    params: [num('spent', '累计支出'), num('budget', '调整后预算数'), num('month', '截至月份（1–12；省略时取评估上下文的月份）', true)],
    returns: 'text',
    description: '预算执行预警灯："red" / "yellow" / "green"。默认比例规则：执行率 ÷ 序时进度 × 100，低于 60 红灯、低于 80 黄灯；预算为 0 或空为红灯',
    examples: [
      { formula: 'WARNING_LIGHT(200000, 1000000, 6)', result: '"red"' },
      { formula: 'WARNING_LIGHT(350000, 1000000, 6)', result: '"yellow"' },
      { formula: 'WARNING_LIGHT(450000, 1000000, 6)', result: '"green"' },
    ],
    impl: (args, ctx) => {
      const spent = optionalNum(args[0]);
      if (isError(spent)) return spent;
      const budget = optionalNum(args[1]);
      if (isError(budget)) return budget;
      let month: Num | null | ErrorValue = optionalNum(args[2]);
      if (isError(month)) return month;
      if (month === null) {
        const m = ctx.extra?.month;
        if (typeof m !== 'number') return new ErrorValue('#N/A', '未指定月份');
        month = m;
      }
      if (!isNum(month)) return new ErrorValue('#N/A', '未指定月份');
      const m = Number(month);
      if (!Number.isInteger(m) || m < 1 || m > 12) return new ErrorValue('#NUM!', '月份应为 1–12 的整数');
      return warningLight(spent, budget, m, warningRule(ctx)).light;
    },
  },
  {
    name: 'QUALITATIVE_LIGHT',
    category: 'domain',
    params: [text('rating', '定性评价')],
    returns: 'text',
    description: '定性指标预警灯：达成 "green"，部分达成 "yellow"，未达成 "red"',
    examples: [{ formula: 'QUALITATIVE_LIGHT("部分达成")', result: '"yellow"' }],
    impl: (args, ctx) => {
      const r = textArg(args[0]);
      if (isError(r)) return r;
      return qualitativeLight(r, qualitativeBands(ctx)) ?? new ErrorValue('#N/A', `未知的定性评价“${r}”`);
    },
  },
  {
    name: 'TRUNCPCT',
    category: 'domain',
    params: [num('ratio', '比率（如 0.110457）')],
    returns: 'number',
    description: '比率换算为百分数并截断（不四舍五入）到两位小数，如支出进度 11.0457% 显示为 11.04',
    examples: [
      { formula: 'TRUNCPCT(450000/4074000)', result: '11.04' },
      { formula: 'TRUNCPCT(0.04938)', result: '4.93' },
    ],
    impl: (args) => {
      const n = toNumber(args[0] ?? null);
      return isError(n) ? n : trunc(mul(n, 100), 2);
    },
  },
];

import type { Template } from '../template/types';
import { ERRORS, type Value } from '../formula/values';
import {
  createSubmissionValidator,
  localizeError,
  validateSubmission,
  validatorCacheKey,
  ValidatorCache,
  TemplateSchemaError,
  ValidationContextError,
  type ConditionEvaluator,
  type SubmissionError,
} from './validator';

const GOAL_30 = '通过实施本项目完成全年道路清扫保洁任务提升城市的整体环境质量'; // 30 characters

function template(): Template {
  return {
    id: 'project-declaration',
    kind: 'declaration',
    version: '1.0.0',
    title: '项目支出绩效目标申报表',
    schema: {
      type: 'object',
      required: ['projectName', 'projectCode', 'goal', 'budget', 'indicators'],
      properties: {
        projectName: { type: 'string', title: '项目名称', maxLength: 50 },
        projectCode: { type: 'string', title: '项目编码', pattern: '^[0-9]{6}-[A-Z]{2}$' },
        goal: { type: 'string', title: '总体目标', minLength: 30 },
        startDate: { type: 'string', title: '开始日期', format: 'date' },
        budget: { type: 'number', title: '年度资金总额', 'x-money': true, minimum: 0, 'x-component': 'MoneyInput', 'x-unit': '元' },
        rate: { type: 'number', title: '配套比例', 'x-scale': 4, maximum: 1 },
        people: { type: 'integer', title: '受益人数', minimum: 0 },
        attr: { type: 'string', title: '项目属性', enum: [{ label: '新增', value: 'new' }, { label: '延续', value: 'cont' }] },
        continued: { type: 'boolean', title: '是否延续' },
        lastYearNote: { type: 'string', title: '上年执行情况', minLength: 10, 'x-visible': 'continued' },
        execRate: { type: 'number', title: '执行率', 'x-formula': 'ROUND(spent/budget*100,2)' },
        indicators: {
          type: 'array',
          title: '绩效指标',
          minItems: 1,
          'x-component': 'ArrayTable',
          'x-indicator': { levels: 3, yearflag: 0 },
          items: {
            type: 'object',
            required: ['level3', 'direction', 'weight'],
            properties: {
              level3: { type: 'string', title: '三级指标' },
              direction: { type: 'string', title: '指标性质', enum: ['≥', '＞', '＝', '＜', '≤', '定性'] },
              target: { type: 'number', title: '年度指标值' },
              weight: { type: 'number', title: '分值', minimum: 0, maximum: 100 },
              actual: { type: 'number', title: '实际完成值' },
              score: { type: 'number', title: '得分', 'x-score': { preset: 'by-direction' } },
              reason: { type: 'string', title: '偏差原因', minLength: 5, 'x-required-when': 'score < weight' },
            },
          },
        },
      },
    },
  };
}

function validData(): Record<string, unknown> & { indicators: unknown[] } {
  return {
    projectName: '城区道路清扫保洁',
    projectCode: '450100-HW',
    goal: GOAL_30,
    startDate: '2024-02-29',
    budget: 19.99,
    rate: 0.1234,
    people: 1200,
    attr: 'new',
    continued: false,
    indicators: [
      { level3: '清扫面积', direction: '≥', target: 100, weight: 20, actual: 100, score: 20 },
      { level3: '群众满意度', direction: '≥', target: 90, weight: 10, actual: 80, score: 8.89, reason: '宣传不到位，下一年加强' },
    ],
  };
}

/** Conditions as the server would compute them: score < weight per row, continued at the root. */
const evaluator =
  (data: Record<string, unknown>): ConditionEvaluator =>
  (formula, site) => {
    if (formula === 'continued') return data['continued'] === true;
    if (formula === 'score < weight' && site.row) {
      expect(site.row.value).toBe((data['indicators'] as unknown[])[site.row.index]); // the caller's own row object
      const row = site.row.value as Record<string, unknown>;
      return Number(row['score']) < Number(row['weight']);
    }
    throw new Error(`unexpected ${formula}`);
  };

function run(data: Record<string, unknown>, t: Template = template()): SubmissionError[] {
  return createSubmissionValidator(t)(data, { computed: evaluator(data) });
}

const brief = (errors: SubmissionError[]): string[] => errors.map((e) => `${e.path}:${e.code}`);

describe('createSubmissionValidator', () => {
  test('valid submission has no errors (19.99 money, 4-decimal rate, leap day)', () => {
    expect(run(validData())).toEqual([]);
  });

  test('30 Chinese characters pass minLength 30, 29 fail with a zh-CN message naming the title', () => {
    expect([...GOAL_30].length).toBe(30);
    expect(run({ ...validData(), goal: GOAL_30 })).toEqual([]);
    const errors = run({ ...validData(), goal: GOAL_30.slice(0, 29) });
    expect(errors).toEqual([
      {
        path: 'goal',
        pointer: '/goal',
        code: 'minLength',
        params: { limit: 30 },
        message: '“总体目标”至少需要 30 个字',
        label: { title: '总体目标', rows: [] },
      },
    ]);
  });

  test('characters outside the BMP count as one each', () => {
    const t = template();
    t.schema.properties!['goal']!.minLength = 3;
    expect(run({ ...validData(), goal: '𠮷𠮷𠮷' }, t)).toEqual([]);
    expect(brief(run({ ...validData(), goal: '𠮷𠮷' }, t))).toEqual(['goal:minLength']);
  });

  test('returns all errors at once', () => {
    const data = {
      ...validData(),
      projectName: undefined,
      projectCode: '4501-hw',
      goal: '太短',
      startDate: '2023-02-29',
      budget: -1,
      people: 1.5,
      attr: 'old',
    };
    expect(brief(run(data))).toEqual([
      'projectName:required',
      'projectCode:pattern',
      'goal:minLength',
      'startDate:format',
      'budget:minimum',
      'people:type',
      'attr:enum',
    ]);
  });

  test('a Formily-style enum is checked by value and named by label', () => {
    const errors = run({ ...validData(), attr: '新增' });
    expect(errors).toMatchObject([{ path: 'attr', code: 'enum', params: { allowedValues: ['new', 'cont'], allowedLabels: ['新增', '延续'] } }]);
    expect(errors[0]?.message).toBe('“项目属性”必须是以下之一：新增、延续');
  });

  test('empty values count as missing for required fields and as absent for optional ones', () => {
    const errors = run({ ...validData(), projectName: '   ', goal: null, people: null, startDate: '' });
    expect(brief(errors)).toEqual(['projectName:required', 'goal:required']);
    expect(errors[0]?.message).toBe('“项目名称”不能为空');
  });

  test('money: 19.99 and 1234567.89 pass, 3 decimals fail with code scale (no multipleOf float trap)', () => {
    for (const budget of [19.99, 0.07, 1234567.89, 0.3, 100, 4.35, 1.1]) expect(run({ ...validData(), budget })).toEqual([]);
    const errors = run({ ...validData(), budget: 19.999 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'budget', code: 'scale', params: { scale: 2, decimals: 3, money: true } });
    expect(errors[0]?.message).toBe('“年度资金总额”是金额，最多保留 2 位小数');
    expect(brief(run({ ...validData(), budget: 1e-7 }))).toEqual(['budget:scale']);
  });

  test('money beyond the fen range is refused', () => {
    expect(brief(run({ ...validData(), budget: 1e15 }))).toEqual(['budget:moneyRange']);
    expect(run({ ...validData(), budget: 90_071_992_547_409.91 })).toEqual([]);
  });

  test('x-scale: n allows n decimals', () => {
    expect(run({ ...validData(), rate: 0.0001 })).toEqual([]);
    const errors = run({ ...validData(), rate: 0.12345 });
    expect(errors).toMatchObject([{ path: 'rate', code: 'scale', params: { scale: 4, decimals: 5, money: false } }]);
    expect(errors[0]?.message).toBe('“配套比例”最多保留 4 位小数');
  });

  test('money sent as numeric text is a type error with a clear message', () => {
    const errors = run({ ...validData(), budget: '1,234.50' });
    expect(errors).toMatchObject([{ path: 'budget', code: 'type', params: { type: 'number', text: '1,234.50' } }]);
    expect(errors[0]?.message).toBe('“年度资金总额”必须是数字，收到的是文本“1,234.50”（请去掉千分位分隔符等，按数字提交）');
    expect(run({ ...validData(), budget: '很多' })[0]?.message).toBe('“年度资金总额”必须是数字');
  });

  test('computed fields are ignored whatever the client sends', () => {
    const data = validData();
    data['execRate'] = 'not a number';
    (data['indicators'] as Record<string, unknown>[])[0]!['score'] = 'x';
    expect(run(data)).toEqual([]);
  });

  test('errors inside table rows carry the row path, pointer and a row label', () => {
    const data = validData();
    (data['indicators'] as Record<string, unknown>[]).push({ level3: '', direction: '>=', weight: 120 });
    const errors = run(data);
    expect(brief(errors)).toEqual(['indicators[2].level3:required', 'indicators[2].direction:enum', 'indicators[2].weight:maximum']);
    expect(errors[0]).toMatchObject({ pointer: '/indicators/2/level3', label: { title: '三级指标', rows: [{ title: '绩效指标', row: 3 }] } });
    expect(errors[0]?.message).toBe('“绩效指标”第 3 行的“三级指标”不能为空');
    expect(errors[1]?.message).toBe('“绩效指标”第 3 行的“指标性质”必须是以下之一：≥、＞、＝、＜、≤、定性');
  });

  test('minItems on the table', () => {
    const errors = run({ ...validData(), indicators: [] });
    expect(errors).toMatchObject([{ path: 'indicators', code: 'minItems', message: '“绩效指标”至少需要 1 行' }]);
  });

  test('x-required-when: the deviation reason is required when score < weight', () => {
    const data = validData();
    const rows = data['indicators'] as Record<string, unknown>[];
    delete rows[1]!['reason'];
    const errors = run(data);
    expect(errors).toMatchObject([{ path: 'indicators[1].reason', pointer: '/indicators/1/reason', code: 'required' }]);
    expect(errors[0]?.message).toBe('“绩效指标”第 2 行的“偏差原因”不能为空');
    // full score: no reason needed (row 0 has none and no error)
    rows[1]!['score'] = 10;
    expect(run(data)).toEqual([]);
    // a reason that is given is still validated (minLength 5)
    rows[1]!['reason'] = '短';
    expect(brief(run(data))).toEqual(['indicators[1].reason:minLength']);
  });

  test('x-visible FALSE: the field is neither required nor validated; TRUE: validated', () => {
    const hiddenData = { ...validData(), continued: false, lastYearNote: '短' };
    expect(run(hiddenData)).toEqual([]);
    const shown = { ...validData(), continued: true, lastYearNote: '短' };
    expect(brief(run(shown))).toEqual(['lastYearNote:minLength']);
  });

  test('x-visible on a required field: required only while visible', () => {
    const t = template();
    t.schema.required!.push('lastYearNote');
    expect(run({ ...validData(), continued: false }, t)).toEqual([]);
    expect(brief(run({ ...validData(), continued: true }, t))).toEqual(['lastYearNote:required']);
  });

  test('precomputed condition results (the server evaluates once and passes them in)', () => {
    const validate = createSubmissionValidator(template());
    const data = validData();
    delete (data['indicators'] as Record<string, unknown>[])[1]!['reason'];
    const computed = {
      visible: { lastYearNote: false },
      requiredWhen: new Map([
        ['indicators[0].reason', false],
        ['indicators[1].reason', true],
      ]),
    };
    expect(brief(validate(data, { computed }))).toEqual(['indicators[1].reason:required']);
  });

  test('condition values read as Excel logicals; only FALSE hides, only TRUE requires', () => {
    const validate = createSubmissionValidator(template());
    const data = { ...validData(), lastYearNote: '短' };
    const withAll = (v: Value): string[] => brief(validate(data, { computed: () => v }));
    // an error value or non-logical text: visible (validated) but not conditionally required
    expect(withAll(ERRORS['#DIV/0!'])).toEqual(['lastYearNote:minLength']);
    expect(withAll('abc')).toEqual(['lastYearNote:minLength']);
    // numbers: 0 is FALSE, others TRUE; blank is FALSE; "FALSE"/"TRUE" texts
    expect(withAll(0)).toEqual([]);
    expect(withAll(null)).toEqual([]);
    expect(withAll('false')).toEqual([]);
    expect(withAll(2)).toEqual(['lastYearNote:minLength', 'indicators[0].reason:required']);
    expect(withAll('TRUE')).toEqual(['lastYearNote:minLength', 'indicators[0].reason:required']);
  });

  test('the hidden / required lists of compute’s evaluate() result are accepted as they are', () => {
    const validate = createSubmissionValidator(template());
    const data = { ...validData(), lastYearNote: '短' };
    delete (data.indicators as Record<string, unknown>[])[1]!['reason'];
    expect(brief(validate(data, { computed: { hidden: ['lastYearNote'], required: ['indicators[1].reason'] } }))).toEqual([
      'indicators[1].reason:required',
    ]);
    expect(brief(validate(data, { computed: { hidden: [], required: [] } }))).toEqual(['lastYearNote:minLength']);
  });

  test('x-visible on an object hides its whole subtree; per-row conditions are evaluated per row', () => {
    const t: Template = {
      id: 'nested',
      kind: 'other',
      version: '1.0.0',
      title: '嵌套',
      schema: {
        type: 'object',
        properties: {
          hasPlan: { type: 'boolean', title: '是否有计划' },
          plan: {
            type: 'object',
            title: '计划',
            'x-visible': 'hasPlan',
            required: ['steps'],
            properties: {
              steps: {
                type: 'array',
                title: '步骤',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string', title: '名称', minLength: 2 },
                    parts: {
                      type: 'array',
                      title: '分项',
                      items: {
                        type: 'object',
                        properties: {
                          amount: { type: 'number', title: '金额', 'x-money': true },
                          note: { type: 'string', title: '说明', 'x-required-when': 'amount > 100' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    const data = {
      hasPlan: false,
      plan: { steps: [{ name: 'x', parts: [{ amount: 1.234 }, { amount: 500 }] }] },
    };
    const sites: string[] = [];
    const computed: ConditionEvaluator = (formula, site) => {
      sites.push(`${site.kind} ${site.path} ${site.field} row=${site.row?.array}[${site.row?.index}]`);
      if (formula === 'hasPlan') return data.hasPlan;
      const row = site.row?.value as { amount?: number };
      return (row.amount ?? 0) > 100;
    };
    const validate = createSubmissionValidator(t);
    expect(validate(data, { computed })).toEqual([]);
    expect(sites).toEqual(['x-visible plan plan row=undefined[undefined]']);
    data.hasPlan = true;
    sites.length = 0;
    const errors = validate(data, { computed });
    expect(sites).toEqual([
      'x-visible plan plan row=undefined[undefined]',
      'x-required-when plan.steps[0].parts[0].note plan.steps[].parts[].note row=plan.steps[0].parts[0]',
      'x-required-when plan.steps[0].parts[1].note plan.steps[].parts[].note row=plan.steps[0].parts[1]',
    ]);
    expect(errors.map((e) => [e.path, e.code, e.message])).toEqual([
      ['plan.steps[0].name', 'minLength', '“步骤”第 1 行的“名称”至少需要 2 个字'],
      ['plan.steps[0].parts[0].amount', 'scale', '“步骤”第 1 行“分项”第 1 行的“金额”是金额，最多保留 2 位小数'],
      ['plan.steps[0].parts[1].note', 'required', '“步骤”第 1 行“分项”第 2 行的“说明”不能为空'],
    ]);
  });

  test('missing conditions are a programming error, not a silent pass', () => {
    const validate = createSubmissionValidator(template());
    expect(() => validate(validData())).toThrow(ValidationContextError);
    expect(() => validate(validData(), { computed: { visible: {} } })).toThrow(/lastYearNote/);
  });

  describe('codes: only errors of the given codes (a draft checks the shape)', () => {
    const SHAPE = new Set(['type', 'scale', 'moneyRange', 'format', 'additionalProperties']);
    const draftRun = (data: Record<string, unknown>): SubmissionError[] =>
      createSubmissionValidator(template())(data, { computed: evaluator(data), codes: SHAPE });

    test('incomplete but well-typed data passes; required and length rules are left for submit', () => {
      const data = { ...validData(), goal: '短', continued: true } as Record<string, unknown>;
      delete data['projectName'];
      delete (data['indicators'] as Record<string, unknown>[])[1]!['reason'];
      expect(brief(run(data))).toEqual(['projectName:required', 'goal:minLength', 'indicators[1].reason:required']);
      expect(draftRun(data)).toEqual([]);
    });

    test('shape errors are reported as without the option, in a hidden field not at all', () => {
      const data = { ...validData(), budget: 19.999, startDate: '2024-02-30', people: '很多', lastYearNote: 5, continued: false };
      expect(brief(draftRun(data))).toEqual(['startDate:format', 'budget:scale', 'people:type']);
      expect(draftRun(data)).toEqual(run(data).filter((e) => SHAPE.has(e.code)));
      expect(brief(draftRun({ ...data, continued: true }))).toEqual(['startDate:format', 'budget:scale', 'people:type', 'lastYearNote:type']);
    });

    test('valid data skips the conditions (no evaluation asked for)', () => {
      const asked: string[] = [];
      const validate = createSubmissionValidator(template());
      expect(validate(validData(), { computed: (formula) => (asked.push(formula), false), codes: SHAPE })).toEqual([]);
      expect(asked).toEqual([]);
      expect(validate(validData(), { computed: (formula) => (asked.push(formula), false) })).toEqual([]);
      expect(asked.length).toBeGreaterThan(0);
    });
  });

  test('a template without conditions needs no context', () => {
    const t = template();
    delete t.schema.properties!['lastYearNote'];
    delete t.schema.properties!['indicators']!.items!.properties!['reason']!['x-required-when'];
    expect(createSubmissionValidator(t)(validData())).toEqual([]);
  });

  test('does not mutate the data', () => {
    const data = { ...validData(), execRate: 5, projectName: '   ' };
    const copy = JSON.parse(JSON.stringify(data)) as unknown;
    run(data);
    expect(data).toEqual(copy);
  });

  test('__proto__ keys in the data are data, not prototypes', () => {
    const data = JSON.parse(`{"__proto__": {"goal": "x"}, "projectName": "a"}`) as Record<string, unknown>;
    const errors = run({ ...validData(), ...data });
    expect(errors).toEqual([]);
  });

  test('a non-object submission', () => {
    const errors = createSubmissionValidator(template())(42, { computed: () => true });
    expect(errors).toMatchObject([{ path: '', pointer: '', code: 'type', message: '表单必须是一组字段' }]);
  });

  test('localizeError renders en-US from the same error', () => {
    const [goal] = run({ ...validData(), goal: '太短' });
    expect(localizeError(goal!, 'en-US')).toBe('"总体目标" needs at least 30 characters');
    expect(localizeError(goal!, 'zh-CN')).toBe(goal!.message);
    const data = validData();
    delete (data['indicators'] as Record<string, unknown>[])[1]!['reason'];
    const [reason] = run(data);
    expect(localizeError(reason!, 'en-US')).toBe('"绩效指标" row 2, "偏差原因" is required');
  });

  test('a schema ajv cannot compile throws a typed error naming the template', () => {
    const t = template();
    t.schema.properties!['projectCode']!.pattern = '([';
    expect(() => createSubmissionValidator(t)).toThrow(TemplateSchemaError);
    expect(() => createSubmissionValidator(t)).toThrow(/project-declaration/);
  });

  test('splitting sections into $defs gives the same errors', () => {
    const data = { ...validData(), goal: '太短', indicators: [{ level3: '', weight: 200, score: 1 }] };
    const plain = createSubmissionValidator(template(), { splitSections: false })(data, { computed: evaluator(data) });
    const split = createSubmissionValidator(template(), { splitSections: 1 })(data, { computed: evaluator(data) });
    expect(split).toEqual(plain);
    expect(plain.length).toBeGreaterThan(2);
  });
});

describe('validateSubmission cache', () => {
  test('compiles once per template id + version, recompiles for a new version', () => {
    const cache = new ValidatorCache(2);
    const t = template();
    cache.get(t);
    cache.get(template()); // another object, same id, version and schema
    expect(cache.compiles).toBe(1);
    cache.get({ ...template(), version: '1.1.0' });
    expect(cache.compiles).toBe(2);
  });

  test('is bounded (least recently used goes first)', () => {
    const cache = new ValidatorCache(2);
    const a = { ...template(), id: 'a' };
    const b = { ...template(), id: 'b' };
    const c = { ...template(), id: 'c' };
    cache.get(a);
    cache.get(b);
    cache.get(a);
    cache.get(c); // evicts b
    expect(cache.size).toBe(2);
    cache.get(a);
    expect(cache.compiles).toBe(3);
    cache.get(b);
    expect(cache.compiles).toBe(4);
  });

  test('a draft with the same version but another schema is recompiled', () => {
    const cache = new ValidatorCache();
    const t = template();
    cache.get(t);
    const draft = template();
    draft.schema.properties!['goal']!.minLength = 5;
    const v = cache.get(draft);
    expect(cache.compiles).toBe(2);
    expect(v({ ...validData(), goal: '五个字目标' }, { computed: () => false })).toEqual([]);
  });

  test('department variants get their own key', () => {
    expect(validatorCacheKey(template())).toBe('project-declaration@1.0.0');
    expect(validatorCacheKey({ ...template(), resolvedFor: 'HWZX' } as Template)).toBe('project-declaration@1.0.0#HWZX');
  });

  test('validateSubmission uses the default cache', () => {
    const data = { ...validData(), goal: '太短' };
    expect(brief(validateSubmission(template(), data, { computed: evaluator(data) }))).toEqual(['goal:minLength']);
  });
});

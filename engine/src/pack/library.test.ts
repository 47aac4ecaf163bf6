import { IndicatorLibrary } from './library';
import type { IndicatorRow } from './types';

const rows: IndicatorRow[] = [
  { code: 'A1', category: '项目支出', type: '教育', fundUse: '培训', level1: '产出指标', level2: '数量指标', level3: '培训人次', unit: '人次', direction: '≥', keywords: ['培训'] },
  { code: 'A2', category: '项目支出', type: '教育', level1: '产出指标', level2: '质量指标', level3: '培训合格率', unit: '%', direction: '≥', content: '合格人数/培训人数×100%' },
  { code: 'A3', category: '项目支出', type: '卫生', level1: '效益指标', level2: '社会效益指标', level3: '群众知晓率', unit: '%', direction: '≥', content: '开展培训后的知晓情况' },
  { code: 'B1', category: '部门整体', type: '卫生', level1: '产出指标', level2: '时效指标', level3: '办结及时率', unit: '%', direction: '≥', keywords: ['时效', 'ＡＢＣ'] },
  { code: 'B2', category: '部门整体', level1: '满意度指标', level2: '服务对象满意度指标', level3: '培训', unit: '%', direction: '≥' },
];

describe('IndicatorLibrary', () => {
  const lib = new IndicatorLibrary(rows);

  test('filters combine; unknown value → nothing', () => {
    expect(lib.search({ category: '项目支出', level1: '产出指标' }).items.map((r) => r.code)).toEqual(['A1', 'A2']);
    expect(lib.search({ type: '卫生' }).items.map((r) => r.code)).toEqual(['A3', 'B1']);
    expect(lib.search({ type: '交通' }).total).toBe(0);
  });

  test('keyword: Chinese substring in name, content and keywords, ranked, stable', () => {
    // B2 is named exactly 培训; A1 starts with it; A2 contains it … A3 only in its content
    expect(lib.search({ keyword: '培训' }).items.map((r) => r.code)).toEqual(['B2', 'A1', 'A2', 'A3']);
    expect(lib.search({ keyword: '知晓' }).items.map((r) => r.code)).toEqual(['A3']);
    // every term must match
    expect(lib.search({ keyword: '培训 合格' }).items.map((r) => r.code)).toEqual(['A2']);
    // full-width and case fold
    expect(lib.search({ keyword: 'abc' }).items.map((r) => r.code)).toEqual(['B1']);
    expect(lib.search({ keyword: '培训', category: '部门整体' }).items.map((r) => r.code)).toEqual(['B2']);
  });

  test('paging and lookups', () => {
    const p = lib.search({ page: 2, pageSize: 2 });
    expect(p).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(p.items.map((r) => r.code)).toEqual(['A3', 'B1']);
    expect(lib.search({ page: 9 }).items).toEqual([]);
    expect(lib.get('B1')?.level3).toBe('办结及时率');
    expect(lib.values('level1')).toEqual(['产出指标', '效益指标', '满意度指标']);
  });

  test('facets ignore their own filter; tree groups 一级 → 二级', () => {
    expect(lib.facet('category', { category: '项目支出', keyword: '培训' })).toEqual([
      { value: '项目支出', count: 3 },
      { value: '部门整体', count: 1 },
    ]);
    expect(lib.tree({ category: '部门整体' })).toEqual([
      { level1: '产出指标', children: [{ level2: '时效指标', count: 1 }] },
      { level1: '满意度指标', children: [{ level2: '服务对象满意度指标', count: 1 }] },
    ]);
  });

  test('20,000 rows: search results stay right at real library sizes', () => {
    const big: IndicatorRow[] = [];
    const l1 = ['产出指标', '效益指标', '满意度指标', '成本指标'];
    const types = ['教育', '卫生', '农林水', '交通', '社保', '城乡社区'];
    for (let i = 0; i < 20000; i++) {
      big.push({
        code: `X${i}`,
        category: i % 3 === 0 ? '部门整体' : '项目支出',
        type: types[i % types.length] as string,
        level1: l1[i % 4] as string,
        level2: `二级${i % 17}`,
        level3: `指标${i}${i % 7 === 0 ? '道路养护' : '服务'}`,
        unit: '%',
        direction: '≥',
        content: `第 ${i} 项的计算公式 = 完成数/计划数×100%`,
        keywords: ['关键词', `k${i % 50}`],
      });
    }
    // Speed at this size is measured by `npm run bench -- library`, never asserted here.
    const bigLib = new IndicatorLibrary(big);
    expect(bigLib.search({ keyword: '道路 养护', type: '交通', page: 2 }).items.length).toBeGreaterThan(0);
    expect(bigLib.search({ keyword: 'k7' }).total).toBe(400);
    expect(bigLib.search({ level1: '成本指标', level2: '二级3' }).total).toBeGreaterThan(0);
    expect(bigLib.search({ keyword: '道路养护', type: '交通' }).total).toBe(476);
  });
});

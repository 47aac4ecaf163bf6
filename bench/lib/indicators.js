/**
 * A generated indicator library of any size, shaped like the real ones (财政部/广东/广西 三级指标体系:
 * 分类 → 类型 → 资金用途, 一级 → 二级 → 三级, 计量单位, 指标性质, 指标值, 关键词). Deterministic:
 * the same size and seed give the same rows. Also the query mix the library bench runs.
 */
'use strict';
const { rng, picker } = require('./util');

/** 分类 (sector) → 类型. */
const SECTORS = [
  ['城建和基础设施', ['办公场所建设', '道路桥梁建设', '市政管网改造', '公园绿地建设', '老旧小区改造', '环卫设施建设', '停车场建设', '路灯照明']],
  ['教育', ['学前教育', '义务教育', '高中教育', '职业教育', '校舍维修', '学生资助', '教师培训', '教育信息化']],
  ['卫生健康', ['公共卫生服务', '疾病预防控制', '基层医疗机构建设', '妇幼保健', '医疗设备购置', '健康教育', '家庭医生签约']],
  ['农林水', ['农田水利建设', '高标准农田', '森林防火', '林业生态保护', '水土保持', '农业技术推广', '动物防疫', '河道整治']],
  ['社会保障和就业', ['就业培训', '养老服务', '社会救助', '残疾人服务', '优抚安置', '城乡低保', '临时救助']],
  ['文化旅游体育与传媒', ['公共文化服务', '文物保护', '全民健身', '旅游推广', '广播电视', '图书馆建设']],
  ['公共安全', ['治安防控', '消防救援', '应急管理', '法律援助', '禁毒宣传', '交通安全']],
  ['节能环保', ['污染防治', '垃圾分类', '污水处理', '大气监测', '节能改造', '生态修复']],
  ['交通运输', ['农村公路', '公交补贴', '道路养护', '客运站建设', '航道疏浚']],
  ['一般公共服务', ['政务信息化', '档案管理', '统计调查', '人大政协履职', '机关运转', '党建活动']],
  ['科学技术', ['科技创新平台', '科普宣传', '技术研发', '科技成果转化']],
  ['住房保障', ['保障性住房', '公共租赁住房', '棚户区改造', '住房公积金']],
  ['自然资源', ['土地整治', '不动产登记', '地质灾害防治', '测绘地理信息']],
  ['商业服务', ['招商引资', '电子商务', '市场监管', '消费帮扶']],
];
const FUND_USES = ['基建/工程', '设备购置', '专项业务', '运转保障', '政府购买服务', '补助/补贴', '信息化建设', '课题研究', '宣传培训', '维修维护'];
const OBJECTS = ['项目', '设备', '工程', '培训', '服务', '宣传活动', '检查', '设施', '系统', '资料', '活动', '平台', '站点', '课程', '档案', '车辆'];

/** 一级 → 二级 → measures [suffix, unit, direction, target, content]. */
const LEVELS = [
  ['产出指标', [
    ['数量指标', [
      ['完成数量', '个', '≥', () => 5, '实际完成的{o}数量'], ['覆盖数量', '个', '≥', () => 10, '{o}覆盖的村(社区)数量'],
      ['建设面积', '平方米', '≥', () => 1200, '新建或改造{o}面积'], ['服务人次', '人次', '≥', () => 3000, '{o}服务的人次'],
      ['开展场次', '场', '≥', () => 12, '全年开展{o}的场次'], ['采购数量', '台(套)', '≥', () => 20, '采购{o}的台(套)数'],
      ['覆盖率', '%', '≥', () => 90, '已覆盖{o}数/应覆盖数×100%'],
    ]],
    ['质量指标', [
      ['验收合格率', '%', '≥', () => 100, '验收合格的{o}数/实际完成数×100%'], ['达标率', '%', '≥', () => 95, '达标{o}数/{o}总数×100%'],
      ['完好率', '%', '≥', () => 98, '完好{o}数/{o}总数×100%'], ['优良率', '%', '≥', () => 90, '优良{o}数/{o}总数×100%'],
      ['故障率', '%', '≤', () => 2, '发生故障的{o}数/{o}总数×100%'], ['差错率', '%', '≤', () => 1, '出现差错的{o}数/{o}总数×100%'],
      ['规范程度', '', '定性', () => '规范', '{o}是否符合相关规范要求'],
    ]],
    ['时效指标', [
      ['按时完成率', '%', '≥', () => 100, '按时完成的{o}数/计划数×100%'], ['完成时限', '月', '≤', () => 12, '{o}完成所需月数'],
      ['及时率', '%', '≥', () => 95, '及时处理的{o}数/应处理数×100%'], ['响应时间', '小时', '≤', () => 24, '{o}的平均响应时间'],
    ]],
    ['成本指标', [
      ['成本控制率', '%', '≤', () => 100, '{o}实际成本/预算成本×100%'], ['单位成本', '元', '≤', () => 3500, '{o}总成本/完成数量'],
      ['预算执行率', '%', '≥', () => 95, '{o}实际支出/预算数×100%'], ['资金节约率', '%', '≥', () => 3, '{o}节约资金/预算数×100%'],
    ]],
  ]],
  ['效益指标', [
    ['经济效益指标', [
      ['带动就业人数', '人', '≥', () => 50, '{o}直接或间接带动的就业人数'], ['增加收入', '万元', '≥', () => 100, '{o}带来的收入增加'],
      ['拉动社会投资', '万元', '≥', () => 500, '{o}拉动的社会资本投入'],
    ]],
    ['社会效益指标', [
      ['受益人数', '人', '≥', () => 10000, '{o}惠及的群众人数'], ['知晓率', '%', '≥', () => 85, '知晓{o}的受访者/受访者总数×100%'],
      ['群众参与度', '%', '≥', () => 60, '参与{o}的群众比例'], ['社会影响', '', '定性', () => '明显提升', '{o}对社会发展的影响'],
    ]],
    ['生态效益指标', [
      ['污染物减排量', '吨', '≥', () => 30, '{o}带来的污染物减排量'], ['绿化覆盖率', '%', '≥', () => 40, '{o}区域绿化覆盖面积/总面积×100%'],
      ['水质达标率', '%', '≥', () => 90, '{o}区域水质达标断面/监测断面×100%'],
    ]],
    ['可持续影响指标', [
      ['长效管理机制', '', '定性', () => '健全', '{o}长效管理机制是否建立健全'], ['设施使用年限', '年', '≥', () => 10, '{o}设计使用年限'],
      ['持续发挥作用', '', '定量（其他）', () => '持续', '{o}是否持续发挥作用'],
    ]],
  ]],
  ['满意度指标', [
    ['服务对象满意度指标', [
      ['群众满意度', '%', '≥', () => 90, '对{o}表示满意的受访群众/受访群众总数×100%'], ['服务对象满意度', '%', '≥', () => 90, '服务对象对{o}的满意程度'],
      ['企业满意度', '%', '≥', () => 85, '受访企业对{o}的满意程度'],
    ]],
  ]],
  ['成本指标', [
    ['经济成本指标', [['综合成本', '万元', '≤', () => 300, '{o}全部经济成本']]],
    ['社会成本指标', [['社会成本影响', '', '定性', () => '可控', '{o}对社会造成的负面影响']]],
  ]],
];
/** Relative frequency of each 一级 (产出 dominates real libraries). */
const LEVEL1_WEIGHTS = [0.55, 0.28, 0.12, 0.05];

const STANDARD = {
  '≥': '实际值≥目标值得满分；否则按实际值/目标值×分值计分',
  '≤': '不超过目标值得满分；超出按算法 A 扣分',
  '＝': '等于目标值得满分，否则不得分',
  '定性': '按达成程度分档计分',
  '定量（其他）': '按完成情况酌情计分',
};

/** `n` indicator rows (engine IndicatorRow shape), deterministic for (n, seed). */
function generateIndicators(n, seed = 20261123) {
  const p = picker(rng(seed));
  const rows = [];
  for (let i = 0; i < n; i++) {
    const [category, types] = p.pick(SECTORS);
    const type = p.pick(types);
    const fundUse = p.pick(FUND_USES);
    let x = p.r(), l1i = 0;
    while (l1i < LEVEL1_WEIGHTS.length - 1 && x >= LEVEL1_WEIGHTS[l1i]) x -= LEVEL1_WEIGHTS[l1i++];
    const [level1, l2s] = LEVELS[l1i];
    const [level2, measures] = p.pick(l2s);
    const [suffix, unit, direction, target, content] = p.pick(measures);
    const obj = p.chance(0.5) ? type : p.chance(0.5) ? type.replace(/(建设|服务|管理|改造)$/, '') + p.pick(OBJECTS) : p.pick(OBJECTS);
    const level3 = `${obj}${suffix}`;
    const kw = new Set([type, suffix.replace(/^(群众|服务对象|企业)/, ''), fundUse.split('/')[0]]);
    if (p.chance(0.4)) kw.add(p.pick(OBJECTS));
    const row = {
      code: `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}-${String(i + 1).padStart(6, '0')}`,
      category, type, fundUse, level1, level2, level3,
      direction,
      target: target(),
      content: content.replace(/\{o\}/g, obj),
      standard: STANDARD[direction],
      source: p.chance(0.5) ? '财预〔2020〕10号 共性指标框架' : `${category}行业指标库`,
      keywords: [...kw],
    };
    if (unit) row.unit = unit;
    if (p.chance(0.3)) row.weight = p.pick([2, 3, 5, 10]);
    rows.push(row);
  }
  return rows;
}

/** Keyword queries as users type them: common terms, rare ones, two terms, codes, misses. */
function keywordQueries(count, seed = 7) {
  const p = picker(rng(seed));
  const allTypes = SECTORS.flatMap(([, t]) => t);
  const suffixes = LEVELS.flatMap(([, l2s]) => l2s.flatMap(([, ms]) => ms.map((m) => m[0])));
  const makers = [
    ['common term', () => p.pick(['合格率', '满意度', '完成率', '培训', '数量', '成本', '覆盖率', '率'])],
    ['measure name', () => p.pick(suffixes)],
    ['industry term', () => p.pick(allTypes)],
    ['two terms', () => `${p.pick(allTypes).slice(0, 2)} ${p.pick(['合格率', '满意度', '人次', '成本', '及时率'])}`],
    ['code prefix', () => `${String.fromCharCode(65 + p.int(0, 25))}${String.fromCharCode(65 + p.int(0, 25))}-0${p.int(0, 1)}`],
    ['no match', () => p.pick(['无此指标', '量子计算', 'zzz', '航天发射'])],
    ['full-width text', () => p.pick(['ＡＢ－０', '合格率（％）', 'ＩＴ'])],
  ];
  const out = [];
  for (let i = 0; i < count; i++) {
    const [kind, make] = makers[i % makers.length];
    out.push({ kind, keyword: make() });
  }
  return out;
}

/** Category-path filters as the cascading selectors send them. */
function pathQueries(count, seed = 11) {
  const p = picker(rng(seed));
  const makers = [
    ['分类', () => ({ category: p.pick(SECTORS)[0] })],
    ['分类/类型', () => { const [c, t] = p.pick(SECTORS); return { category: c, type: p.pick(t) }; }],
    ['分类/类型/资金用途', () => { const [c, t] = p.pick(SECTORS); return { category: c, type: p.pick(t), fundUse: p.pick(FUND_USES) }; }],
    ['一级/二级', () => { const [l1, l2s] = p.pick(LEVELS); return { level1: l1, level2: p.pick(l2s)[0] }; }],
    ['full path (5 levels)', () => {
      const [c, t] = p.pick(SECTORS); const [l1, l2s] = p.pick(LEVELS.slice(0, 2));
      return { category: c, type: p.pick(t), fundUse: p.pick(FUND_USES), level1: l1, level2: p.pick(l2s)[0] };
    }],
    ['分类 + keyword', () => ({ category: p.pick(SECTORS)[0], keyword: p.pick(['合格率', '满意度', '成本', '人次']) })],
  ];
  const out = [];
  for (let i = 0; i < count; i++) {
    const [kind, make] = makers[i % makers.length];
    out.push({ kind, query: make() });
  }
  return out;
}

module.exports = { generateIndicators, keywordQueries, pathQueries, SECTORS, FUND_USES, LEVELS };

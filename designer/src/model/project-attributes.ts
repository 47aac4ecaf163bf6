/**
 * zh-CN names of the project attributes a field can be filled from (`x-project`), for the
 * 从项目带入 select. Typed by the engine's list, so a new attribute there fails the type check
 * here until it has a name.
 */
import { PROJECT_ATTRIBUTES, type ProjectAttribute } from '@jixiao/engine';

const LABELS: Record<ProjectAttribute, string> = {
  code: '项目编码',
  name: '项目名称',
  department: '预算单位',
  departmentCode: '预算单位编码',
  fiscalYear: '年度',
  budgetType: '预算类型',
  projectType: '项目类型',
  category: '项目类别',
  fundUse: '资金用途',
  attribute: '项目属性（新增/延续）',
  requested: '本年度申请资金（元）',
  initialBudget: '年初预算数（元）',
  adjustment: '调整数（元）',
  adjusted: '调整后预算数（元）',
  spent: '累计支出（元）',
  periodMonth: '月份（月报）',
  spentBefore: '以前月份累计支出（元）',
};

/** The attributes in the engine's order, with their names. */
export const PROJECT_ATTRIBUTE_OPTIONS: ReadonlyArray<{ value: ProjectAttribute; label: string }> = PROJECT_ATTRIBUTES.map((value) => ({ value, label: LABELS[value] }));

/** @jixiao/runtime: the form renderer and helpers the designer reuses. */
export { TemplateForm, toPattern, type TemplateFormProps, type FormValues, type SaveState } from './form/TemplateForm';
export { MoneyInput, parseMoneyText, type MoneyInputProps } from './form/MoneyInput';
export { ComputedField } from './form/ComputedField';
export { IndicatorTable } from './form/IndicatorTable';
export {
  createFormEngine,
  formatScalar,
  formatMoney,
  formatPercentTruncated,
  type FormEngine,
  type FormEvaluation,
  type FieldIssue,
  type TemplateProblem,
} from './form/engine-adapter';
export { toFormilySchema, walkFields } from './form/to-formily';
export type { TemplateDoc, SchemaNode, TemplateKind, TemplateScoring, GradeBand } from './form/template-types';
export { ApiError, api, setUnauthorizedHandler, toFormilyPath } from './api/client';
export { LoginPage } from './app/LoginPage';
export { setupLocale, AppProviders } from './app/providers';

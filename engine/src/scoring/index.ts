export { MOF_GRADES, GUANGXI_GRADES, gradeOf, checkGradeBands } from './grades';
export { DEFAULT_WARNING, warningLight, qualitativeLight, findBand, type WarningResult } from './warning';
export {
  DEFAULT_QUALITATIVE_BANDS,
  OutOfBandError,
  bandRange,
  directionKind,
  scorePositive,
  scoreEqual,
  scoreReverse,
  scoreQualitative,
  scoreDeduct,
  type DirectionKind,
  type PartialStep,
} from './rules';
export { compileRule, paramText, type CompiledRule, type PresetInput, type PresetOptions } from './presets';
export { buildTrace, LABEL_KEYS } from './trace';
export { score } from './score';

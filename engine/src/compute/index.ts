export { compileTemplate, resolveRef, topoSort, type CompiledTemplate, type CompileTemplateOptions, type FormulaSite, type ResolvedRef, type SiteRole, type TraceInput } from './graph';
export { evaluate, callContext, todaySerial, toJson, type EvaluateOptions, type EvaluationContext, type EvaluationResult, type JsonValue, type SiteResult, type TraceEntry } from './evaluate';

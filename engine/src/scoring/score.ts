/**
 * `score(template, data, context?)`: evaluate the template and explain the result (trace).
 */
import { evaluate, type EvaluateOptions, type EvaluationContext, type EvaluationResult } from '../compute/evaluate';
import type { Template } from '../template/types';

export function score(template: Template, data: unknown, context: EvaluationContext = {}, options: Omit<EvaluateOptions, 'trace'> = {}): EvaluationResult {
  return evaluate(template, data, context, { ...options, trace: true });
}

/**
 * The meta-schema (JSON Schema draft-07) of a template document (docs/template-format.md).
 * ajv compiles it in ./check. It rejects unknown keys (so `x-reactions` and typos such as
 * `x-fomula`), field keys formulas could not name, unknown presets and malformed scoring.
 * What JSON Schema cannot say well (`{{` anywhere, formulas, cycles, weights, band coverage) is
 * checked in code by `validateTemplate`.
 */
import { PAYMENT_SCOPES } from './payment-rows';
import { PROJECT_ATTRIBUTES } from './project-prefill';

/** Field keys: ASCII or Chinese identifiers, so formulas can name them unquoted. */
export const FIELD_KEY_PATTERN = '^[\\p{L}_][\\p{L}\\p{N}_]*$';
/** A preset parameter naming a field: a key or a dotted path. */
export const FIELD_PATH_PATTERN = '^[\\p{L}_][\\p{L}\\p{N}_]*(\\.[\\p{L}_][\\p{L}\\p{N}_]*)*$';

const paramRef = { anyOf: [{ type: 'number' }, { type: 'string', pattern: FIELD_PATH_PATTERN }] };
const variant = { enum: ['A', 'B'] };

function preset(name: string, properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> {
  return {
    if: { type: 'object', properties: { preset: { const: name } }, required: ['preset'] },
    then: {
      properties: { preset: { const: name }, ...properties },
      required: ['preset', ...required],
      additionalProperties: false,
    },
  };
}

const quantitative = { actual: paramRef, target: paramRef, weight: paramRef };

export const PRESET_ENUM = ['positive', 'equal', 'reverse', 'qualitative', 'by-direction', 'execution', 'deduction', 'tiered'] as const;

export const TEMPLATE_META_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://jixiao.local/schemas/template.json',
  title: 'Jixiao template',
  type: 'object',
  required: ['id', 'kind', 'version', 'title', 'schema'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z0-9-]+$' },
    kind: { enum: ['declaration', 'monitoring', 'self-evaluation', 'other'] },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$' },
    title: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    schema: { allOf: [{ $ref: '#/definitions/field' }, { properties: { type: { const: 'object' } }, required: ['type', 'properties'] }] },
    scoring: { $ref: '#/definitions/scoring' },
    variants: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          extends: { type: 'boolean' },
          hide: { type: 'array', items: { type: 'string', minLength: 1 } },
          patch: {
            type: 'array',
            items: { type: 'object', required: ['path', 'value'], additionalProperties: false, properties: { path: { type: 'string', pattern: '^(/|$)' }, value: {} } },
          },
          add: { $ref: '#/definitions/field' },
        },
      },
    },
    reports: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
    /** Set by resolveTemplate on a template resolved for one department. */
    resolvedFor: { type: 'string' },
  },
  definitions: {
    field: {
      type: 'object',
      additionalProperties: false,
      properties: {
        type: { enum: ['object', 'array', 'string', 'number', 'integer', 'boolean'] },
        title: { type: 'string' },
        description: { type: 'string' },
        properties: { type: 'object', propertyNames: { pattern: FIELD_KEY_PATTERN }, additionalProperties: { $ref: '#/definitions/field' } },
        required: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        items: { $ref: '#/definitions/field' },
        enum: { type: 'array', minItems: 1 },
        const: {},
        minimum: { type: 'number' },
        maximum: { type: 'number' },
        exclusiveMinimum: { type: 'number' },
        exclusiveMaximum: { type: 'number' },
        minLength: { type: 'integer', minimum: 0 },
        maxLength: { type: 'integer', minimum: 0 },
        pattern: { type: 'string' },
        minItems: { type: 'integer', minimum: 0 },
        maxItems: { type: 'integer', minimum: 0 },
        default: {},
        format: { enum: ['date', 'date-time', 'email', 'uri'] },
        // Formily
        'x-component': { type: 'string' },
        'x-component-props': { type: 'object' },
        'x-decorator': { type: 'string' },
        'x-decorator-props': { type: 'object' },
        'x-index': { type: 'number' },
        'x-validator': {},
        'x-display': { enum: ['visible', 'hidden', 'none'] },
        'x-pattern': { enum: ['editable', 'disabled', 'readOnly', 'readPretty'] },
        'x-content': {},
        'x-hidden': { type: 'boolean' },
        'x-disabled': { type: 'boolean' },
        'x-read-only': { type: 'boolean' },
        'x-data': { type: 'object' },
        // Jixiao
        'x-formula': { type: 'string', minLength: 1 },
        'x-score': { $ref: '#/definitions/scoreRule' },
        'x-visible': { type: 'string', minLength: 1 },
        'x-required-when': { type: 'string', minLength: 1 },
        'x-money': { type: 'boolean' },
        'x-scale': { type: 'integer', minimum: 0, maximum: 10 },
        'x-unit': { type: 'string' },
        'x-project': { enum: [...PROJECT_ATTRIBUTES] },
        'x-declaration': { type: 'string', pattern: FIELD_PATH_PATTERN },
        'x-payments': { enum: [...PAYMENT_SCOPES] },
        'x-indicator': {
          type: 'object',
          additionalProperties: false,
          properties: { levels: { type: 'integer', minimum: 1, maximum: 3 }, yearflag: { enum: [0, 1] } },
        },
      },
    },
    scoreRule: {
      type: 'object',
      oneOf: [{ required: ['formula'] }, { required: ['preset'] }],
      properties: { preset: { enum: [...PRESET_ENUM] }, formula: { type: 'string', minLength: 1 } },
      allOf: [
        {
          if: { required: ['formula'] },
          then: { properties: { formula: { type: 'string', minLength: 1 } }, additionalProperties: false },
        },
        preset('positive', quantitative),
        preset('equal', quantitative),
        preset('reverse', { ...quantitative, variant }),
        preset('qualitative', { rating: paramRef, weight: paramRef, score: paramRef }),
        preset('by-direction', { direction: paramRef, ...quantitative, rating: paramRef, score: paramRef, variant }),
        preset('execution', { budget: paramRef, spent: paramRef, weight: paramRef }),
        preset(
          'deduction',
          {
            value: paramRef,
            threshold: { type: 'number' },
            weight: paramRef,
            direction: { enum: ['above', 'below'] },
            step: { type: 'number', exclusiveMinimum: 0 },
            points: { type: 'number', minimum: 0 },
            ratio: { type: 'number', minimum: 0 },
            partial: { enum: ['prorate', 'floor', 'ceil'] },
          },
          ['value', 'threshold', 'weight', 'direction'],
        ),
        preset(
          'tiered',
          {
            value: paramRef,
            tiers: {
              type: 'array',
              minItems: 1,
              items: { type: 'object', required: ['score'], additionalProperties: false, properties: { max: { type: 'number' }, score: { type: 'number' } } },
            },
          },
          ['value', 'tiers'],
        ),
      ],
    },
    scoring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        grades: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['min', 'label'], additionalProperties: false, properties: { min: { type: 'number' }, label: { type: 'string', minLength: 1 } } },
        },
        reverse: variant,
        qualitative: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['label', 'min', 'max', 'default'],
            additionalProperties: false,
            properties: {
              label: { type: 'string', minLength: 1 },
              min: { type: 'number', minimum: 0, maximum: 1 },
              max: { type: 'number', minimum: 0, maximum: 1 },
              default: { type: 'number', minimum: 0, maximum: 1 },
              light: { enum: ['green', 'yellow', 'red'] },
            },
          },
        },
        total: { type: 'string', pattern: FIELD_PATH_PATTERN },
        grade: { type: 'string', pattern: FIELD_PATH_PATTERN },
        weightTotal: { type: 'number', exclusiveMinimum: 0 },
        warning: {
          type: 'object',
          required: ['rule'],
          additionalProperties: false,
          properties: { rule: { enum: ['ratio', 'gap'] }, red: { type: 'number' }, yellow: { type: 'number' } },
        },
      },
    },
  },
} as const;

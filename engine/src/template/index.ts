export * from './types';
export * from './fields';
export { TEMPLATE_META_SCHEMA, FIELD_KEY_PATTERN, FIELD_PATH_PATTERN, PRESET_ENUM } from './meta-schema';
export { validateTemplate, hasErrors, templateMetaValidator, type ValidateTemplateOptions } from './check';
export * from './variants';
export { PROJECT_ATTRIBUTES, prefillFromProject, type ProjectAttribute, type ProjectFacts } from './project-prefill';
export { prefillFromDeclaration } from './declaration-rows';
export { PAYMENT_SCOPES, paymentTables, prefillPayments, type PaymentFact, type PaymentScope } from './payment-rows';

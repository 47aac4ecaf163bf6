/** Template packs: manifest, indicator library, loader, validator, bundle, diff. Pure: no I/O. */
export * from './types';
export { parseCsv, toCsv, csvCell, type CsvRecord, type CsvProblem, type CsvResult } from './csv';
export {
  INDICATOR_COLUMNS,
  headerKey,
  normaliseDirection,
  isUnitless,
  splitKeywords,
  plainNumber,
  parseIndicatorCsv,
  parseIndicatorJson,
  indicatorTable,
  type IndicatorKey,
  type IndicatorParseResult,
} from './indicators';
export { parseJsonText, jsonPointerOffsets, locatePointer, type JsonParse, type JsonSyntaxProblem } from './json-text';
export { loadPack, mergePackScoring, normalisePath, ajvMessage, MANIFEST_FILE, type LoadResult } from './load';
export { default as PACK_MANIFEST_SCHEMA } from './manifest-schema.json';
/** JSON Schema of indicators.json (for editors; the loader's own checks report positions). */
export { default as INDICATOR_ROWS_SCHEMA } from './indicator-schema.json';
export { IndicatorLibrary, LIBRARY_FACETS, foldText, type LibraryFacet, type LibraryQuery, type LibraryPage, type FacetCount } from './library';
export { canonicalJson, sha256Hex } from './hash';
export { buildBundle, bundleFiles, bundleHash, isBundle, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type PackBundle } from './bundle';
export { diffPacks, diffTemplates, diffValues, formatPackDiff, type PackDiff, type TemplateChange, type FieldChange, type IndicatorChange, type ValueChange } from './diff';
export { validatePack, checkPack, runCase, locateDiagnostics, formatDiagnostic, diagnosticLocation, readDataPath, pointerToDataPath, sameValue, type CaseRun } from './validate';
export { ENGINE_VERSION, satisfies, parseVersion, compareVersions } from './semver';

/**
 * The indicator library (指标库) as docs/api.md describes it: search with facet filters, the facet
 * values under the current filters, a project's recommendations (with their reasons) and its
 * predecessor's indicators of last year. `IndicatorSource` is what a form's indicator picker asks;
 * `projectIndicatorSource` answers it from the server for one project.
 */
import { api } from './client';
import type { IndicatorRow } from './endpoints';

/** The facets the picker filters by, in the order the seed's dialog shows them. */
export const PICKER_FACETS = ['category', 'type', 'fundUse', 'level1', 'level2'] as const;
export type PickerFacet = (typeof PICKER_FACETS)[number];

export type IndicatorFilters = Partial<Record<PickerFacet, string>> & {
  q?: string;
};

export interface FacetCount {
  value: string;
  count: number;
}

/** A library row (the engine's IndicatorRow) and the pack it came from. */
export type LibraryIndicator = IndicatorRow;

export interface IndicatorPage {
  items: LibraryIndicator[];
  total: number;
  page: number;
  size: number;
}

export interface FacetsView {
  packs: string[];
  facets: Record<PickerFacet | 'level3' | 'direction', FacetCount[]>;
  tree: Array<{
    level1: string;
    children: Array<{ level2: string; count: number }>;
  }>;
}

export interface IndicatorRecommendation {
  indicator: LibraryIndicator;
  score: number;
  reasons: Array<{ points: number; text: string }>;
}

export interface RecommendationView {
  project: { id: number; code: string; name: string };
  similarBy: string;
  similarProjects: number;
  items: IndicatorRecommendation[];
}

export interface LastYearView {
  project: { id: number; code: string; name: string; fiscalYear: number };
  /** The previous year's project the rows come from, or null when there is none (or it has no indicators). */
  source: {
    projectId: number;
    code: string;
    name: string;
    fiscalYear: number;
    submissionId: number;
    kind: string;
  } | null;
  tables: Array<{ field: string; rows: Array<Record<string, unknown>> }>;
}

/** EXISTS: GET /api/indicators?q&category&type&fundUse&level1&level2&page&size → {items, total, page, size}. */
export const searchLibrary = (filters: IndicatorFilters, page: number, size: number) => api.get<IndicatorPage>('/api/indicators', { ...filters, page, size });
/** EXISTS: GET /api/indicators/facets?(same filters) → each facet's values and counts (ignoring its own filter). */
export const libraryFacets = (filters: IndicatorFilters) => api.get<FacetsView>('/api/indicators/facets', { ...filters });
/** EXISTS: GET /api/projects/:id/indicator-recommendations?limit → ranked rows with reasons. */
export const indicatorRecommendations = (projectId: number, limit = 50) =>
  api.get<RecommendationView>(`/api/projects/${projectId}/indicator-recommendations`, { limit });
/** EXISTS: GET /api/projects/:id/last-year-indicators → the predecessor's indicator tables. */
export const lastYearIndicators = (projectId: number) => api.get<LastYearView>(`/api/projects/${projectId}/last-year-indicators`);

/**
 * What the picker needs from its host. Without `recommended` / `lastYear` (no project: designer
 * preview, test harness) those tabs are not shown.
 */
export interface IndicatorSource {
  search(filters: IndicatorFilters, page: number, size: number): Promise<IndicatorPage>;
  facets(filters: IndicatorFilters): Promise<FacetsView['facets']>;
  recommended?(): Promise<RecommendationView>;
  lastYear?(): Promise<LastYearView>;
}

/** The server's library, with the recommendations and last year's indicators of `projectId`. */
export function projectIndicatorSource(projectId: number): IndicatorSource {
  return {
    search: searchLibrary,
    facets: async (filters) => (await libraryFacets(filters)).facets,
    recommended: () => indicatorRecommendations(projectId),
    lastYear: () => lastYearIndicators(projectId),
  };
}

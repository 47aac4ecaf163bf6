/** Load a report for a query; reloads when any filter changes (the query is compared as JSON). */
import { getReport, type ReportName, type Reports } from '../../api/reports';
import { useLoad, type Loaded } from '../common';

export function useReport<N extends ReportName>(name: N, query: Reports[N]['query']): Loaded<Reports[N]['data']> {
  const key = JSON.stringify(query);
  return useLoad(() => getReport(name, query), [name, key]);
}

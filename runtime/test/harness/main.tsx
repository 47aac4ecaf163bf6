/**
 * Browser-test and benchmark harness: renders <TemplateForm> alone. The template and data come
 * from `?template=URL&data=URL` (JSON files next to the page) or default to the built-in sample
 * self-evaluation; `?autosave=MS` sets the autosave delay (300 ms), `?dept=CODE` the department. State for tests and benchmarks is on `window.jxHarness`.
 */
import { createRoot } from 'react-dom/client';
import { AppProviders } from '../../src/app/providers';
import { TemplateForm, type FormValues } from '../../src/form/TemplateForm';
import type { FormEvaluation } from '../../src/form/engine-adapter';
import type { IndicatorSource, LibraryIndicator } from '../../src/api/indicators';
import type { TemplateDoc } from '../../src/form/template-types';
import sampleTemplate from './sample-self-eval.json';
import sampleData from './sample-self-eval-data.json';

export interface HarnessState {
  ready: boolean;
  template: string;
  values: FormValues | null;
  evaluations: number;
  saves: FormValues[];
  submits: FormValues[];
  lastEvaluation: FormEvaluation | null;
}

declare global {
  interface Window {
    jxHarness: HarnessState;
  }
}

/** A two-row stand-in for the indicator library (GET /api/indicators in the app). */
const LIBRARY: LibraryIndicator[] = [
  { pack: 'harness', code: 'T-001', level1: '产出指标', level2: '数量指标', level3: '培训班次', direction: '≥', target: 12, unit: '期', weight: 10 },
  { pack: 'harness', code: 'T-002', level1: '满意度指标', level2: '服务对象满意度指标', level3: '参训人员满意度', direction: '≥', target: 90, unit: '%', weight: 10 },
];

/** The library without a project: keyword and 一级/二级 filters, facets counted the server's way. */
const LIBRARY_SOURCE: IndicatorSource = {
  async search(f, page, size) {
    const items = LIBRARY.filter((r) => (f.q === undefined || r.level3.includes(f.q)) && (f.level1 === undefined || r.level1 === f.level1) && (f.level2 === undefined || r.level2 === f.level2));
    return { items: items.slice((page - 1) * size, page * size), total: items.length, page, size };
  },
  async facets() {
    const count = (key: 'level1' | 'level2') => LIBRARY.map((r) => ({ value: r[key], count: 1 }));
    return { category: [], type: [], fundUse: [], level1: count('level1'), level2: count('level2'), level3: [], direction: [] };
  },
};

async function loadJson(url: string | null): Promise<unknown> {
  if (url === null) return undefined;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json() as Promise<unknown>;
}

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const template = ((await loadJson(q.get('template'))) ?? sampleTemplate) as TemplateDoc;
  const data = ((await loadJson(q.get('data'))) ?? (q.has('template') ? {} : sampleData)) as FormValues;
  const state: HarnessState = { ready: false, template: template.id, values: null, evaluations: 0, saves: [], submits: [], lastEvaluation: null };
  window.jxHarness = state;
  const rootEl = document.getElementById('root');
  if (rootEl === null) throw new Error('no #root');
  createRoot(rootEl).render(
    <AppProviders>
      <div style={{ padding: 24, background: '#fff' }}>
        <h2>{template.title}</h2>
        <TemplateForm
          template={template}
          department={q.get('dept') ?? undefined}
          initialValues={data}
          autosaveDelay={Number(q.get('autosave') ?? 300)}
          onChange={(values, ev) => {
            state.values = values;
            state.lastEvaluation = ev;
            state.evaluations += 1;
            state.ready = true;
          }}
          onAutosave={(values) => {
            state.saves.push(values);
          }}
          onSubmit={(values) => {
            state.submits.push(values);
          }}
          indicatorSource={LIBRARY_SOURCE}
        />
      </div>
    </AppProviders>,
  );
}

void main();

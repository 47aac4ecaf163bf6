/**
 * Runtime benchmark page: renders <TemplateForm> (runtime/src, as the app does) for the template
 * and data at `?template=URL&data=URL`, with performance marks:
 *   jx-render-start   just before React renders the form (JSON already fetched)
 *   jx-total-visible  the first time the total's computed value shows text (MutationObserver)
 * and, for keystrokes, `window.jxBench.armKeystroke()` → the time from the next keydown to the
 * next change of the total's text. Results are on `window.jxBench`.
 */
import { createRoot } from 'react-dom/client';
import { AppProviders } from '../../runtime/src/app/providers';
import { TemplateForm, type FormValues } from '../../runtime/src/form/TemplateForm';
import type { TemplateDoc } from '../../runtime/src/form/template-types';

interface BenchState {
  error: string | null;
  renderStart: number | null;
  /** performance.now() when the total first showed text, and the frame after it. */
  totalVisible: number | null;
  totalPainted: number | null;
  totalText: string | null;
  keystroke: { keydown: number; updated: number; painted: number; text: string } | null;
  armKeystroke(): void;
}

declare global {
  interface Window {
    jxBench: BenchState;
  }
}

const TOTAL = '.jx-computed[data-path="total"] .jx-computed-value';
const totalText = (): string | null => {
  const el = document.querySelector(TOTAL);
  const t = el?.textContent?.trim() ?? '';
  return t === '' ? null : t;
};

const state: BenchState = {
  error: null,
  renderStart: null,
  totalVisible: null,
  totalPainted: null,
  totalText: null,
  keystroke: null,
  armKeystroke() {
    state.keystroke = null;
    const before = totalText();
    let keydown: number | null = null;
    const onKey = (e: KeyboardEvent): void => {
      keydown = e.timeStamp;
      document.removeEventListener('keydown', onKey, true);
    };
    document.addEventListener('keydown', onKey, true);
    const obs = new MutationObserver(() => {
      const now = performance.now();
      const t = totalText();
      if (keydown === null || t === null || t === before) return;
      obs.disconnect();
      const kd = keydown;
      requestAnimationFrame(() => setTimeout(() => {
        state.keystroke = { keydown: kd, updated: now, painted: performance.now(), text: t };
      }, 0));
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  },
};
window.jxBench = state;

async function json(url: string | null): Promise<unknown> {
  if (url === null) throw new Error('missing ?template= or ?data=');
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json() as Promise<unknown>;
}

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const template = (await json(q.get('template'))) as TemplateDoc;
  const data = (await json(q.get('data'))) as FormValues;
  const rootEl = document.getElementById('root');
  if (rootEl === null) throw new Error('no #root');
  const obs = new MutationObserver(() => {
    const t = totalText();
    if (t === null) return;
    obs.disconnect();
    state.totalVisible = performance.now();
    state.totalText = t;
    performance.mark('jx-total-visible');
    // the frame that paints it
    requestAnimationFrame(() => setTimeout(() => {
      state.totalPainted = performance.now();
    }, 0));
  });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  performance.mark('jx-render-start');
  state.renderStart = performance.now();
  createRoot(rootEl).render(
    <AppProviders>
      <div style={{ padding: 24, background: '#fff' }}>
        <h2>{template.title}</h2>
        <TemplateForm template={template} initialValues={data} autosaveDelay={60_000} />
      </div>
    </AppProviders>,
  );
}

main().catch((err: unknown) => {
  state.error = String(err instanceof Error ? err.stack ?? err.message : err);
});

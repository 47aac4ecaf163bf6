/**
 * What the engine computed for each computed field, as display text. TemplateForm writes it after
 * every evaluation; each ComputedField subscribes to its own path only.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';

export interface ComputedDisplay {
  /** Text shown to the user (already formatted by the engine). */
  text: string;
  /** True when the value is an Excel error value (#DIV/0! …). */
  error: boolean;
}

export class ComputedStore {
  private readonly entries = new Map<string, ComputedDisplay>();
  private readonly listeners = new Set<() => void>();

  get(path: string): ComputedDisplay | undefined {
    return this.entries.get(path);
  }

  /** Replace all entries; listeners run once, and only if something changed. */
  replace(next: Map<string, ComputedDisplay>): void {
    let changed = next.size !== this.entries.size;
    for (const [k, v] of next) {
      const old = this.entries.get(k);
      if (old === undefined || old.text !== v.text || old.error !== v.error) {
        this.entries.set(k, v);
        changed = true;
      }
    }
    for (const k of [...this.entries.keys()]) {
      if (!next.has(k)) {
        this.entries.delete(k);
        changed = true;
      }
    }
    if (changed) for (const l of [...this.listeners]) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export const ComputedStoreContext = createContext<ComputedStore | null>(null);

export function useComputedDisplay(path: string): ComputedDisplay | undefined {
  const store = useContext(ComputedStoreContext);
  return useSyncExternalStore(
    store?.subscribe ?? noopSubscribe,
    () => store?.get(path),
    () => store?.get(path),
  );
}

const noopSubscribe = (): (() => void) => () => undefined;

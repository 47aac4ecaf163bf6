import { useEffect, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
}

/** Load once (per `load` identity); a late answer after unmount is dropped. */
export function useAsync<T>(load: () => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({
    data: undefined,
    error: null,
    loading: true,
  });
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (e: unknown) =>
        current &&
        setState({
          data: undefined,
          error: e instanceof Error ? e.message : String(e),
          loading: false,
        }),
    );
    return () => {
      current = false;
    };
  }, [load]);
  return state;
}

import { useCallback, useSyncExternalStore } from 'react';

/** Filters live in the URL, so a view can be shared by copying the address. */
export function useUrlState(): [URLSearchParams, (changes: Record<string, string | undefined>) => void] {
  const search = useSyncExternalStore(
    (notify) => {
      window.addEventListener('popstate', notify);
      return () => window.removeEventListener('popstate', notify);
    },
    () => window.location.search,
  );
  const update = useCallback((changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) (v ? params.set(k, v) : params.delete(k));
    history.replaceState(null, '', `${window.location.pathname}?${params.toString()}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [new URLSearchParams(search), update];
}

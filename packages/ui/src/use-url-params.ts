import { useCallback } from "react";
import { useSearchParams } from "react-router";

/** Changes to some query-string parameters: a string sets one ("" too), undefined removes it. */
export type UrlChange = Record<string, string | undefined>;

/**
 * The page's query-string parameters, where pages keep their state so that a URL can be
 * shared, and a setter that changes some of them and keeps the rest. By default a change
 * replaces the history entry (typing a filter is not a step back); `push` makes it one. The
 * page re-renders before the setter returns, so a control whose state lives in the URL (a
 * checkbox, a select) shows its new state at once rather than after the navigation settles.
 */
export function useUrlParams(): [URLSearchParams, (change: UrlChange, options?: { push?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (change: UrlChange, options: { push?: boolean } = {}) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(change)) value === undefined ? next.delete(key) : next.set(key, value);
          return next;
        },
        { replace: !options.push, flushSync: true },
      ),
    [setParams],
  );
  return [params, update];
}

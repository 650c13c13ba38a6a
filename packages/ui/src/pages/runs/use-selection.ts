import { useCallback, useState } from "react";

/** A set of selected run ids, in the order they were selected (the compare page shows them in that order). */
export function useSelection(): [ReadonlySet<string>, (ids: readonly string[], on: boolean) => void] {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const change = useCallback((ids: readonly string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  return [selected, change];
}

import type { ReactNode } from "react";
import { useEffect } from "react";
import type { UseQueryResult } from "@tanstack/react-query";

/** A spinner with words, for screen readers too. */
export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {what}…
    </div>
  );
}

/** An error as the server gave it (MLflow's error code and message), with a retry button. */
export function ErrorPanel({ error, retry, title = "Could not load this" }: { error: unknown; retry?: () => void; title?: string }) {
  const code = (error as { code?: string })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-panel" role="alert">
      <strong>{title}</strong>
      <p>
        {code ? <code>{code}</code> : null} {message}
      </p>
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Renders a query's loading and error states, and its data once it has some. */
export function QueryState<T>({ query, what, children }: { query: UseQueryResult<T>; what?: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading what={what ? `Loading ${what}` : "Loading"} />;
  if (query.isError) return <ErrorPanel error={query.error} retry={() => void query.refetch()} title={what ? `Could not load ${what}` : undefined} />;
  return <>{children(query.data)}</>;
}

/** Sets the window title to "<title> · Cairn" while the page is shown. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Cairn` : "Cairn";
  }, [title]);
}

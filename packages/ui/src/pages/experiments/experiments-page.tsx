import { Link } from "react-router";
import { useUrlParams } from "../../use-url-params";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { Experiment } from "@cairn/core";
import { cairn } from "../../api/client";
import { nameContains } from "../../api/filter-text";
import { QueryState, usePageTitle } from "../../components/page-state";
import { formatTime } from "../../format";
import { paths } from "../../paths";
import { CreateExperimentForm } from "./create-experiment-form";
import { EXPERIMENTS_KEY } from "./experiments-key";
import { ExperimentActions } from "./experiment-actions";
import { LoadMore } from "../../components/load-more";
import { NameSearchForm } from "../../components/name-search-form";

type View = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";
const PAGE_SIZE = 100;

/** The experiments list: search by name, create, rename, delete and restore. */
export function ExperimentsPage() {
  usePageTitle("Experiments");
  const [params, update] = useUrlParams();
  const search = params.get("q") ?? "";
  const view = (params.get("view") as View | null) ?? "ACTIVE_ONLY";

  const query = useInfiniteQuery({
    queryKey: [EXPERIMENTS_KEY, search, view],
    queryFn: ({ pageParam }) =>
      cairn.experiments.search({ max_results: PAGE_SIZE, filter: nameContains(search), view_type: view, order_by: ["last_update_time DESC"], page_token: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
  });

  return (
    <div className="page">
      <div className="page-header">
        <h1>Experiments</h1>
        <CreateExperimentForm />
      </div>
      <NameSearchForm what="experiments" value={search} onSearch={(q) => update({ q: q || undefined })}>
        <label>
          Show{" "}
          <select value={view} onChange={(e) => update({ view: e.target.value === "ACTIVE_ONLY" ? undefined : e.target.value })}>
            <option value="ACTIVE_ONLY">active</option>
            <option value="DELETED_ONLY">deleted</option>
            <option value="ALL">all</option>
          </select>
        </label>
      </NameSearchForm>
      <QueryState query={query} what="experiments">
        {(data) => {
          const experiments = data.pages.flatMap((p) => p.experiments);
          if (experiments.length === 0) return <p className="empty">{search ? `No experiment matches “${search}”.` : "No experiments here yet."}</p>;
          return (
            <>
              <ExperimentTable experiments={experiments} />
              <LoadMore query={query} what="experiments" />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function ExperimentTable({ experiments }: { experiments: Experiment[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">ID</th>
            <th scope="col">Created</th>
            <th scope="col">Last updated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {experiments.map((experiment) => (
            <tr key={experiment.experiment_id} className={experiment.lifecycle_stage === "deleted" ? "deleted" : undefined}>
              <td>
                <Link to={paths.experiment(experiment.experiment_id)}>{experiment.name}</Link>
                {experiment.lifecycle_stage === "deleted" ? <span className="badge">deleted</span> : null}
              </td>
              <td className="mono">{experiment.experiment_id}</td>
              <td>{formatTime(experiment.creation_time)}</td>
              <td>{formatTime(experiment.last_update_time)}</td>
              <td>
                <ExperimentActions experiment={experiment} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"""Exercise the unchanged MLflow Python client against an MLflow-compatible tracking server.

Usage: python3 compat/mlflow-client-check.py http://127.0.0.1:5000   (needs `import mlflow` to work)

Every check runs independently; a failure records the exception and the HTTP exchange(s)
that returned >= 400 (or the last exchange) so server incompatibilities can be read off.
Instrumentation only wraps requests.Session.request; the MLflow client itself is unchanged.
"""

import json
import math
import os
import sys
import time
import traceback
import uuid

import requests

URI = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5055"
VERBOSE = os.environ.get("CHECK_VERBOSE") == "1"

# ---------------------------------------------------------------- HTTP recorder
_exchanges = []
_orig_request = requests.Session.request


def _recording_request(self, method, url, *args, **kwargs):
    body = kwargs.get("json", kwargs.get("data"))
    params = kwargs.get("params")
    resp = _orig_request(self, method, url, *args, **kwargs)
    try:
        text = resp.text
    except Exception:  # noqa: BLE001
        text = "<unreadable>"
    _exchanges.append(
        {
            "method": method,
            "url": url,
            "params": params,
            "body": body,
            "status": resp.status_code,
            "response": text[:500000],
        }
    )
    return resp


requests.Session.request = _recording_request

import mlflow  # noqa: E402
from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import Metric, Param, RunTag, ViewType  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402

mlflow.set_tracking_uri(URI)
client = MlflowClient()

results = []


def fmt_exchange(e):
    body = e["body"]
    if isinstance(body, (bytes, bytearray)):
        body = body.decode("utf-8", "replace")
    if not isinstance(body, str) and body is not None:
        try:
            body = json.dumps(body)
        except TypeError:
            body = f"<{type(body).__name__}>"

    q = f" params={e['params']}" if e["params"] else ""
    return (
        f"    {e['method']} {e['url']}{q}\n"
        f"      request body: {str(body)[:800]}\n"
        f"      -> HTTP {e['status']}: {e['response'][:800]}"
    )


def check(name):
    def deco(fn):
        start = len(_exchanges)
        t0 = time.time()
        try:
            fn()
            results.append((name, "PASS", None))
            print(f"PASS  {name}  ({time.time() - t0:.2f}s)")
            if VERBOSE:
                for e in _exchanges[start:]:
                    print(fmt_exchange(e))
        except Exception as exc:  # noqa: BLE001
            mine = _exchanges[start:]
            bad = [e for e in mine if e["status"] >= 400] or mine[-1:]
            detail = f"{type(exc).__name__}: {str(exc)[:1500]}"
            if isinstance(exc, MlflowException):
                detail += f"\n    error_code={exc.error_code}"
            tb = traceback.format_exc().strip().splitlines()
            detail += "\n    at: " + " | ".join(line.strip() for line in tb[-4:-1])
            results.append((name, "FAIL", detail))
            print(f"FAIL  {name}\n    {detail}")
            for e in bad:
                print(fmt_exchange(e))
        return fn

    return deco


def expect_error(fn, code):
    try:
        fn()
    except MlflowException as e:
        assert e.error_code == code, f"expected error_code {code}, got {e.error_code}: {e}"
        return e
    raise AssertionError(f"expected MlflowException({code}), but the call succeeded")


def eq(a, b, what=""):
    assert a == b, f"{what}: expected {b!r}, got {a!r}"


SUFFIX = uuid.uuid4().hex[:8]
EXP_NAME = f"client-check-{SUFFIX}"
state = {}

# ---------------------------------------------------------------- experiments


@check("get_experiment_by_name('Default')")
def _():
    exp = client.get_experiment_by_name("Default")
    assert exp is not None
    eq(exp.experiment_id, "0", "default experiment id")
    eq(exp.lifecycle_stage, "active", "lifecycle_stage")


@check("get_experiment_by_name(missing) -> None")
def _():
    eq(client.get_experiment_by_name(f"does-not-exist-{SUFFIX}"), None, "missing experiment")


@check("mlflow.set_experiment(new name) creates it")
def _():
    exp = mlflow.set_experiment(EXP_NAME)
    state["exp_id"] = exp.experiment_id
    eq(exp.name, EXP_NAME, "name")
    got = client.get_experiment(exp.experiment_id)
    eq(got.name, EXP_NAME, "get_experiment name")


@check("create_experiment with tags + get_experiment")
def _():
    eid = client.create_experiment(f"{EXP_NAME}-tagged", tags={"team": "cairn", "k2": "v2"})
    state["exp2_id"] = eid
    exp = client.get_experiment(eid)
    eq(exp.tags.get("team"), "cairn", "experiment tag")
    assert exp.artifact_location, "artifact_location empty"
    assert exp.creation_time and exp.last_update_time, "times missing"


@check("create_experiment duplicate -> RESOURCE_ALREADY_EXISTS")
def _():
    expect_error(lambda: client.create_experiment(EXP_NAME), "RESOURCE_ALREADY_EXISTS")


@check("get_experiment(nonexistent) -> RESOURCE_DOES_NOT_EXIST")
def _():
    expect_error(lambda: client.get_experiment("987654321"), "RESOURCE_DOES_NOT_EXIST")


@check("set_experiment_tag / delete_experiment_tag")
def _():
    client.set_experiment_tag(state["exp2_id"], "added", "yes")
    eq(client.get_experiment(state["exp2_id"]).tags.get("added"), "yes", "added tag")
    client.delete_experiment_tag(state["exp2_id"], "added")
    assert "added" not in client.get_experiment(state["exp2_id"]).tags


@check("rename_experiment")
def _():
    client.rename_experiment(state["exp2_id"], f"{EXP_NAME}-renamed")
    eq(client.get_experiment(state["exp2_id"]).name, f"{EXP_NAME}-renamed", "renamed")


@check("delete_experiment / restore_experiment")
def _():
    client.delete_experiment(state["exp2_id"])
    eq(client.get_experiment(state["exp2_id"]).lifecycle_stage, "deleted", "stage after delete")
    deleted = client.search_experiments(view_type=ViewType.DELETED_ONLY)
    assert state["exp2_id"] in [e.experiment_id for e in deleted], "not in DELETED_ONLY"
    client.restore_experiment(state["exp2_id"])
    eq(client.get_experiment(state["exp2_id"]).lifecycle_stage, "active", "stage after restore")


@check("search_experiments (filter, order_by, max_results + paging)")
def _():
    exps = client.search_experiments(filter_string=f"name LIKE '{EXP_NAME}%'")
    names = sorted(e.name for e in exps)
    eq(names, sorted([EXP_NAME, f"{EXP_NAME}-renamed"]), "filtered names")
    exps = client.search_experiments(
        filter_string="tags.team = 'cairn'", order_by=["name DESC"]
    )
    assert state["exp2_id"] in [e.experiment_id for e in exps], "tag filter"
    page1 = client.search_experiments(max_results=1, order_by=["creation_time ASC"])
    eq(len(page1), 1, "page size")
    assert page1.token, "expected next page token"
    page2 = client.search_experiments(max_results=1, order_by=["creation_time ASC"], page_token=page1.token)
    eq(len(page2), 1, "page2 size")
    assert page1[0].experiment_id != page2[0].experiment_id
    fluent = mlflow.search_experiments(filter_string=f"name = '{EXP_NAME}'")
    eq(len(fluent), 1, "fluent search_experiments")


# ---------------------------------------------------------------- runs (fluent)


@check("start_run + nested runs, params/metrics/tags, end_run")
def _():
    mlflow.set_experiment(EXP_NAME)
    with mlflow.start_run(run_name="parent") as parent:
        state["parent"] = parent.info.run_id
        mlflow.log_param("lr", 0.01)
        mlflow.log_params({"epochs": 3, "optimizer": "adam", "none_value": None})
        for step in range(5):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
        mlflow.log_metrics({"acc": 0.9, "f1": 0.8}, step=7)
        mlflow.log_metric("nan_metric", float("nan"))
        mlflow.log_metric("inf_metric", float("inf"))
        mlflow.log_metric("neginf_metric", float("-inf"))
        mlflow.set_tag("stage", "dev")
        mlflow.set_tags({"owner": "me", "unicode": "héllo ✓"})
        with mlflow.start_run(run_name="child", nested=True) as child:
            state["child"] = child.info.run_id
            mlflow.log_param("child_param", "x")
            mlflow.log_metric("child_metric", 2.5)
    run = client.get_run(state["parent"])
    eq(run.info.status, "FINISHED", "parent status")
    assert run.info.end_time, "end_time missing"
    eq(run.info.run_name, "parent", "run_name")
    eq(run.data.params.get("lr"), "0.01", "param lr")
    eq(run.data.params.get("epochs"), "3", "param epochs")
    eq(run.data.params.get("none_value"), "None", "param None")
    eq(run.data.metrics.get("loss"), 0.2, "latest loss")
    eq(run.data.metrics.get("acc"), 0.9, "acc")
    assert math.isnan(run.data.metrics.get("nan_metric")), f"nan_metric={run.data.metrics.get('nan_metric')}"
    # MLflow's SQL store clamps +/-inf to +/-sys.float_info.max; accept either but report
    print(f"    INFO inf_metric={run.data.metrics.get('inf_metric')!r} neginf_metric={run.data.metrics.get('neginf_metric')!r}")
    assert run.data.metrics.get("inf_metric") in (float("inf"), sys.float_info.max)
    assert run.data.metrics.get("neginf_metric") in (float("-inf"), -sys.float_info.max)
    eq(run.data.tags.get("stage"), "dev", "tag")
    eq(run.data.tags.get("unicode"), "héllo ✓", "unicode tag")
    eq(run.data.tags.get("mlflow.runName"), "parent", "mlflow.runName tag")
    assert "mlflow.user" in run.data.tags, "mlflow.user system tag missing"
    child = client.get_run(state["child"])
    eq(child.data.tags.get("mlflow.parentRunId"), state["parent"], "parentRunId tag")
    eq(child.info.status, "FINISHED", "child status")


@check("get_metric_history (steps, order, timestamps)")
def _():
    hist = client.get_metric_history(state["parent"], "loss")
    eq(sorted((m.step, round(m.value, 6)) for m in hist), [(i, round(1.0 / (i + 1), 6)) for i in range(5)], "history")
    assert all(m.timestamp > 0 for m in hist)
    eq(client.get_metric_history(state["parent"], "no_such_metric"), [], "missing metric history")


@check("MlflowClient.log_batch (metrics, params, tags) + idempotent param")
def _():
    run = client.create_run(state["exp_id"], run_name="batch-run", tags={"created_by": "client"})
    state["batch"] = run.info.run_id
    ts = int(time.time() * 1000)
    client.log_batch(
        run.info.run_id,
        metrics=[Metric("m1", float(i), ts + i, i) for i in range(10)] + [Metric("m2", 3.0, ts, 0)],
        params=[Param("p1", "a"), Param("p2", "b")],
        tags=[RunTag("t1", "x")],
    )
    # same param, same value: allowed
    client.log_batch(run.info.run_id, params=[Param("p1", "a")])
    r = client.get_run(run.info.run_id)
    eq(r.data.params, {"p1": "a", "p2": "b"}, "params")
    eq(r.data.metrics.get("m1"), 9.0, "m1 latest")
    eq(r.data.tags.get("t1"), "x", "t1")
    eq(r.data.tags.get("created_by"), "client", "create_run tag")
    eq(len(client.get_metric_history(run.info.run_id, "m1")), 10, "m1 history length")


@check("log_batch with 1000 metrics (client chunking)")
def _():
    ts = int(time.time() * 1000)
    client.log_batch(state["batch"], metrics=[Metric("big", float(i), ts, i) for i in range(1000)])
    eq(len(client.get_metric_history(state["batch"], "big")), 1000, "big history length")


@check("duplicate param with different value -> INVALID_PARAMETER_VALUE")
def _():
    expect_error(lambda: client.log_param(state["batch"], "p1", "different"), "INVALID_PARAMETER_VALUE")
    expect_error(
        lambda: client.log_batch(state["batch"], params=[Param("p2", "changed")]),
        "INVALID_PARAMETER_VALUE",
    )


@check("get_run(nonexistent) -> RESOURCE_DOES_NOT_EXIST")
def _():
    expect_error(lambda: client.get_run("0" * 32), "RESOURCE_DOES_NOT_EXIST")


@check("log_metric on nonexistent run -> RESOURCE_DOES_NOT_EXIST")
def _():
    expect_error(lambda: client.log_metric("f" * 32, "m", 1.0), "RESOURCE_DOES_NOT_EXIST")


@check("set_terminated / update_run (status + name)")
def _():
    client.set_terminated(state["batch"], status="FAILED")
    r = client.get_run(state["batch"])
    eq(r.info.status, "FAILED", "status")
    assert r.info.end_time
    client.update_run(state["batch"], name="renamed-batch")
    r = client.get_run(state["batch"])
    eq(r.info.run_name, "renamed-batch", "run_name")
    eq(r.data.tags.get("mlflow.runName"), "renamed-batch", "mlflow.runName tag after rename")


@check("delete_tag")
def _():
    client.set_tag(state["batch"], "to_delete", "1")
    client.delete_tag(state["batch"], "to_delete")
    assert "to_delete" not in client.get_run(state["batch"]).data.tags
    expect_error(lambda: client.delete_tag(state["batch"], "never_existed"), "RESOURCE_DOES_NOT_EXIST")


@check("log_input with pandas dataset (mlflow.data.from_pandas)")
def _():
    import pandas as pd

    df = pd.DataFrame({"x": [1, 2, 3], "y": [0.1, 0.2, 0.3], "label": ["a", "b", "c"]})
    ds = mlflow.data.from_pandas(df, source="file:///tmp/data.csv", name="train-df", targets="label")
    with mlflow.start_run(experiment_id=state["exp_id"], run_name="dataset-run") as run:
        state["ds_run"] = run.info.run_id
        mlflow.log_input(ds, context="training", tags={"extra": "1"})
    r = client.get_run(state["ds_run"])
    inputs = r.inputs.dataset_inputs
    eq(len(inputs), 1, "dataset_inputs")
    d = inputs[0].dataset
    eq(d.name, "train-df", "dataset name")
    eq(d.digest, ds.digest, "digest")
    eq(d.source_type, "local", "source_type")
    tags = {t.key: t.value for t in inputs[0].tags}
    eq(tags.get("mlflow.data.context"), "training", "context tag")
    assert d.schema and json.loads(d.schema), f"schema missing: dataset={d}"


@check("search_runs (filter_string + order_by + paging + run_view_type)")
def _():
    runs = client.search_runs(
        [state["exp_id"]], filter_string="params.lr = '0.01' and metrics.acc > 0.5", order_by=["metrics.loss ASC"]
    )
    eq([r.info.run_id for r in runs], [state["parent"]], "filtered runs")
    runs = client.search_runs([state["exp_id"]], filter_string="tags.mlflow.runName = 'child'")
    eq([r.info.run_id for r in runs], [state["child"]], "runName filter")
    runs = client.search_runs([state["exp_id"]], filter_string="attributes.status = 'FAILED'")
    eq([r.info.run_id for r in runs], [state["batch"]], "status filter")
    runs = client.search_runs([state["exp_id"]], order_by=["attributes.start_time DESC"], max_results=2)
    eq(len(runs), 2, "page1")
    assert runs.token, "page token expected"
    runs2 = client.search_runs(
        [state["exp_id"]], order_by=["attributes.start_time DESC"], max_results=2, page_token=runs.token
    )
    assert runs2, "page2 empty"
    assert not ({r.info.run_id for r in runs} & {r.info.run_id for r in runs2}), "pages overlap"
    runs = client.search_runs([state["exp_id"]], filter_string="run_name LIKE 'dat%'")
    eq([r.info.run_id for r in runs], [state["ds_run"]], "run_name LIKE")
    runs = client.search_runs([state["exp_id"]], filter_string="dataset.name = 'train-df'")
    eq([r.info.run_id for r in runs], [state["ds_run"]], "dataset.name filter")


@check("search_runs bad filter -> INVALID_PARAMETER_VALUE")
def _():
    expect_error(
        lambda: client.search_runs([state["exp_id"]], filter_string="metrics.acc >>> 1"), "INVALID_PARAMETER_VALUE"
    )


@check("mlflow.search_runs (pandas)")
def _():
    df = mlflow.search_runs(experiment_ids=[state["exp_id"]], order_by=["start_time ASC"])
    assert "params.lr" in df.columns and "metrics.loss" in df.columns and "tags.stage" in df.columns, list(df.columns)
    assert state["parent"] in set(df["run_id"])
    df2 = mlflow.search_runs(experiment_names=[EXP_NAME], filter_string="metrics.child_metric > 1")
    eq(list(df2["run_id"]), [state["child"]], "pandas filter")
    lst = mlflow.search_runs(experiment_ids=[state["exp_id"]], output_format="list")
    assert len(lst) >= 4


@check("delete_run / restore_run")
def _():
    client.delete_run(state["child"])
    eq(client.get_run(state["child"]).info.lifecycle_stage, "deleted", "lifecycle after delete")
    active = client.search_runs([state["exp_id"]])
    assert state["child"] not in [r.info.run_id for r in active], "deleted run in ACTIVE_ONLY search"
    deleted = client.search_runs([state["exp_id"]], run_view_type=ViewType.DELETED_ONLY)
    eq([r.info.run_id for r in deleted], [state["child"]], "DELETED_ONLY")
    client.restore_run(state["child"])
    eq(client.get_run(state["child"]).info.lifecycle_stage, "active", "lifecycle after restore")


@check("mlflow.active_run / last_active_run / end_run")
def _():
    run = mlflow.start_run(experiment_id=state["exp_id"], run_name="manual")
    eq(mlflow.active_run().info.run_id, run.info.run_id, "active_run")
    mlflow.end_run(status="KILLED")
    assert mlflow.active_run() is None
    eq(client.get_run(run.info.run_id).info.status, "KILLED", "status")
    eq(mlflow.last_active_run().info.run_id, run.info.run_id, "last_active_run")


# ---------------------------------------------------------------- logged models (MLflow 3)


@check("create_logged_model / get / tags / params / finalize")
def _():
    m = client.create_logged_model(
        state["exp_id"],
        name="my-model",
        source_run_id=state["parent"],
        tags={"framework": "none"},
        params={"alpha": "0.5"},
        model_type="agent",
    )
    state["model_id"] = m.model_id
    assert m.model_id.startswith("m-"), m.model_id
    eq(m.name, "my-model", "name")
    eq(str(m.status), "PENDING", "status")
    eq(m.tags.get("framework"), "none", "tag")
    eq(m.params.get("alpha"), "0.5", "param")
    eq(m.model_type, "agent", "model_type")
    eq(m.source_run_id, state["parent"], "source_run_id")
    assert m.artifact_location, "artifact_location"
    client.set_logged_model_tags(m.model_id, {"extra": "1"})
    client.delete_logged_model_tag(m.model_id, "framework")
    client.log_model_params(m.model_id, {"beta": "2"})
    got = client.get_logged_model(m.model_id)
    eq(got.tags.get("extra"), "1", "extra tag")
    assert "framework" not in got.tags
    eq(got.params.get("beta"), "2", "beta param")
    fin = client.finalize_logged_model(m.model_id, "READY")
    eq(str(fin.status), "READY", "finalized status")
    eq(str(client.get_logged_model(m.model_id).status), "READY", "status after get")


@check("log_metric linked to a logged model + model.metrics")
def _():
    client.log_metric(state["parent"], "model_acc", 0.77, step=1, model_id=state["model_id"])
    got = client.get_logged_model(state["model_id"])
    ms = [(mm.key, mm.value) for mm in (got.metrics or [])]
    assert ("model_acc", 0.77) in ms, ms


@check("search_logged_models (filter, order_by, paging)")
def _():
    client.create_logged_model(state["exp_id"], name="other-model", tags={"k": "v"})
    res = client.search_logged_models([state["exp_id"]], filter_string="name = 'my-model'")
    eq([m.model_id for m in res], [state["model_id"]], "name filter")
    res = client.search_logged_models([state["exp_id"]], filter_string="metrics.model_acc > 0.5")
    eq([m.model_id for m in res], [state["model_id"]], "metric filter")
    res = client.search_logged_models(
        [state["exp_id"]], order_by=[{"field_name": "creation_time", "ascending": False}], max_results=1
    )
    eq(len(res), 1, "page size")
    assert res.token, "token expected"
    res2 = client.search_logged_models(
        [state["exp_id"]],
        order_by=[{"field_name": "creation_time", "ascending": False}],
        max_results=1,
        page_token=res.token,
    )
    eq(len(res2), 1, "page2 size")
    assert res[0].model_id != res2[0].model_id
    df = mlflow.search_logged_models(experiment_ids=[state["exp_id"]], filter_string="name LIKE '%-model'")
    eq(len(df), 2, "pandas search_logged_models rows")
    lst = mlflow.search_logged_models(
        experiment_ids=[state["exp_id"]], filter_string="name LIKE '%-model'", output_format="list"
    )
    eq(len(lst), 2, "list search_logged_models")


@check("search_logged_models status filter (INFO: MLflow 3.6.1.dev0 SQL store returns [] here)")
def _():
    res = client.search_logged_models([state["exp_id"]], filter_string="status = 'READY'")
    print(f"    INFO status='READY' -> {[m.model_id for m in res]} (model {state['model_id']} is READY)")


@check("fluent initialize_logged_model / finalize_logged_model / get_logged_model")
def _():
    mlflow.set_experiment(EXP_NAME)
    m = mlflow.initialize_logged_model(name="fluent-model", model_type="test")
    eq(str(m.status), "PENDING", "status")
    mlflow.finalize_logged_model(m.model_id, "FAILED")
    eq(str(mlflow.get_logged_model(m.model_id).status), "FAILED", "failed status")
    state["fluent_model"] = m.model_id


@check("set_active_model(name=...) [needs artifact upload: create_external_model writes MLmodel]")
def _():
    mlflow.set_experiment(EXP_NAME)
    am = mlflow.set_active_model(name="active-model")
    assert am.model_id.startswith("m-")
    am2 = mlflow.set_active_model(name="active-model")
    eq(am2.model_id, am.model_id, "set_active_model reuses existing model by name")
    mlflow.clear_active_model()


@check("log_outputs (run -> model link)")
def _():
    from mlflow.entities import LoggedModelOutput

    client.log_outputs(state["batch"], [LoggedModelOutput(state["model_id"], step=0)])
    r = client.get_run(state["batch"])
    outs = r.outputs.model_outputs if r.outputs else []
    assert state["model_id"] in [o.model_id for o in outs], outs


@check("get_logged_model(nonexistent) -> RESOURCE_DOES_NOT_EXIST")
def _():
    expect_error(lambda: client.get_logged_model("m-" + "0" * 32), "RESOURCE_DOES_NOT_EXIST")


@check("delete_logged_model")
def _():
    client.delete_logged_model(state["model_id"])
    res = client.search_logged_models([state["exp_id"]], filter_string="name = 'my-model'")
    eq(len(res), 0, "deleted model still in search")


# ---------------------------------------------------------------- summary
if os.environ.get("CHECK_DUMP"):
    with open(os.environ["CHECK_DUMP"], "w") as f:
        for e in _exchanges:
            b = e["body"]
            if not isinstance(b, (str, dict, list, type(None))):
                b = f"<{type(b).__name__}>"
            f.write(json.dumps({**e, "body": b}) + "\n")
print()
fails = [r for r in results if r[1] == "FAIL"]
print(f"SUMMARY: {len(results) - len(fails)} passed, {len(fails)} failed of {len(results)} against {URI}")
for name, _, _d in fails:
    print(f"  FAILED: {name}")
sys.exit(1 if fails else 0)

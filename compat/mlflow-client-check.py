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
    try:
        resp = _orig_request(self, method, url, *args, **kwargs)
    except Exception as exc:  # noqa: BLE001  (e.g. urllib3 giving up after HTTP 500s)
        _exchanges.append(
            {"method": method, "url": url, "params": params, "body": body, "status": 599,
             "response": f"<no response: {type(exc).__name__}: {str(exc)[:600]}>"}
        )
        raise
    try:
        # resp.content caches the body, so a streamed download still sees every byte later.
        # Decode as UTF-8 here: resp.text would guess the charset of multi-MB binaries (slow).
        raw = resp.content
        ctype = resp.headers.get("Content-Type", "")
        if len(raw) > 200000 or not ("json" in ctype or ctype.startswith("text/") or not raw):
            text = f"<{len(raw)} bytes, Content-Type: {ctype}>"
        else:
            text = raw.decode("utf-8", "replace")
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
    """code: one error code, or a tuple of codes any of which the client handles the same way."""
    codes = code if isinstance(code, tuple) else (code,)
    try:
        fn()
    except MlflowException as e:
        assert e.error_code in codes, f"expected error_code {' or '.join(codes)}, got {e.error_code}: {e}"
        return e
    raise AssertionError(f"expected MlflowException({' or '.join(codes)}), but the call succeeded")


# An unknown alias: MLflow answers 400 INVALID_PARAMETER_VALUE, but 404 RESOURCE_DOES_NOT_EXIST
# once the aliased version is deleted; Cairn answers 404 in both cases. The client raises the
# same MlflowException for both (and load_prompt(allow_missing=True) accepts both).
UNKNOWN_ALIAS = ("INVALID_PARAMETER_VALUE", "RESOURCE_DOES_NOT_EXIST")


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


# ---------------------------------------------------------------- artifacts (mlflow-artifacts proxy)
# Every artifact check logs the files it reads back, so the checks stay independent of each other.
import filecmp  # noqa: E402
import random  # noqa: E402
import tempfile  # noqa: E402
import types  # noqa: E402

WORK = tempfile.mkdtemp(prefix="client-check-")


def tmpdir(label):
    return tempfile.mkdtemp(prefix=f"{label}-", dir=WORK)


def write_file(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def tree_files(root):
    """{relative posix path: bytes} for every file under root."""
    out = {}
    for d, _, files in os.walk(root):
        for name in files:
            full = os.path.join(d, name)
            out[os.path.relpath(full, root).replace(os.sep, "/")] = read_bytes(full)
    return out


def make_tree(root):
    write_file(os.path.join(root, "a.txt"), "file a\n")
    write_file(os.path.join(root, "sub", "b.txt"), "file b ✓\n" * 100)
    write_file(os.path.join(root, "sub", "deeper", "c.json"), json.dumps({"c": [1, 2, 3]}))
    write_file(os.path.join(root, "sub", "deeper", "empty.bin"), b"")
    return root


def exp_id():
    if "exp_id" not in state:
        state["exp_id"] = mlflow.set_experiment(EXP_NAME).experiment_id
    return state["exp_id"]


def art_run():
    if "art_run" not in state:
        state["art_run"] = client.create_run(exp_id(), run_name="artifact-run").info.run_id
    return state["art_run"]


def listing(run_id, path=None):
    return sorted((f.path, f.is_dir, f.file_size) for f in client.list_artifacts(run_id, path))


@check("mlflow.log_artifact (text file, root and artifact_path) + run artifact_uri")
def _():
    rid = art_run()
    src = write_file(os.path.join(tmpdir("la"), "hello.txt"), "hello cairn\nline 2 ✓\n")
    mlflow.log_artifact(src, run_id=rid)
    mlflow.log_artifact(src, artifact_path="texts", run_id=rid)
    uri = client.get_run(rid).info.artifact_uri
    print(f"    INFO run artifact_uri={uri}")
    assert uri.startswith("mlflow-artifacts:/"), f"artifact_uri not proxied: {uri}"
    root = {p: (d, s) for p, d, s in listing(rid)}
    eq(root.get("hello.txt"), (False, len(read_bytes(src))), "root listing hello.txt (is_dir, size)")
    eq(root.get("texts"), (True, None), "root listing texts/ (is_dir, size)")
    eq(listing(rid, "texts"), [("texts/hello.txt", False, len(read_bytes(src)))], "texts/ listing")


@check("mlflow.log_artifacts (nested directory) + list_artifacts root and subdirs")
def _():
    rid = art_run()
    src = make_tree(tmpdir("tree"))
    mlflow.log_artifacts(src, artifact_path="tree", run_id=rid)
    eq(
        listing(rid, "tree"),
        [("tree/a.txt", False, 7), ("tree/sub", True, None)],
        "tree/ listing",
    )
    eq(
        listing(rid, "tree/sub"),
        [("tree/sub/b.txt", False, len("file b ✓\n".encode()) * 100), ("tree/sub/deeper", True, None)],
        "tree/sub listing",
    )
    deeper = listing(rid, "tree/sub/deeper")
    eq(
        deeper[0],
        ("tree/sub/deeper/c.json", False, len(json.dumps({"c": [1, 2, 3]}))),
        "tree/sub/deeper listing",
    )
    eq(deeper[1][:2], ("tree/sub/deeper/empty.bin", False), "tree/sub/deeper listing (empty file)")
    # MLflow 3.6.1.dev0 omits file_size for an empty file (None); 0 is accepted too
    print(f"    INFO empty file listed with file_size={deeper[1][2]!r}")
    assert deeper[1][2] in (0, None), deeper[1]
    # fluent list_artifacts by URI
    got = sorted(f.path for f in mlflow.artifacts.list_artifacts(artifact_uri=f"runs:/{rid}/tree"))
    eq(got, ["tree/a.txt", "tree/sub"], "mlflow.artifacts.list_artifacts(runs:/...)")


@check("list_artifacts of a missing path -> []")
def _():
    eq(client.list_artifacts(art_run(), "no/such/dir"), [], "missing path listing")


@check("mlflow.log_text / log_dict (json, yaml) + artifacts.load_text / load_dict")
def _():
    rid = art_run()
    text = "some notes ✓\nsecond line\n"
    mlflow.log_text(text, "notes/readme.md", run_id=rid)
    d = {"a": 1, "b": [1, 2.5, "x"], "nested": {"k": True}}
    mlflow.log_dict(d, "cfg/config.json", run_id=rid)
    mlflow.log_dict(d, "cfg/config.yaml", run_id=rid)
    client.log_text(rid, "from client", "notes/client.txt")
    eq(mlflow.artifacts.load_text(f"runs:/{rid}/notes/readme.md"), text, "load_text runs:/")
    eq(mlflow.artifacts.load_text(f"runs:/{rid}/notes/client.txt"), "from client", "client.log_text")
    eq(mlflow.artifacts.load_dict(f"runs:/{rid}/cfg/config.json"), d, "load_dict json")
    import yaml

    # load_dict only parses JSON; the YAML file is read as text
    eq(yaml.safe_load(mlflow.artifacts.load_text(f"runs:/{rid}/cfg/config.yaml")), d, "log_dict yaml")
    uri = client.get_run(rid).info.artifact_uri
    eq(mlflow.artifacts.load_text(f"{uri}/notes/readme.md"), text, "load_text mlflow-artifacts:/ URI")
    eq(sorted(p for p, _, _ in listing(rid, "cfg")), ["cfg/config.json", "cfg/config.yaml"], "cfg listing")


@check("download_artifacts file + directory (byte-exact)")
def _():
    rid = art_run()
    src = make_tree(tmpdir("dl-src"))
    mlflow.log_artifacts(src, artifact_path="dl", run_id=rid)
    # directory via MlflowClient
    dst = tmpdir("dl-dst")
    local = client.download_artifacts(rid, "dl", dst)
    eq(tree_files(local), tree_files(src), "downloaded directory (client)")
    # sub-directory via runs:/ URI
    local = mlflow.artifacts.download_artifacts(artifact_uri=f"runs:/{rid}/dl/sub", dst_path=tmpdir("dl-sub"))
    eq(tree_files(local), tree_files(os.path.join(src, "sub")), "downloaded sub directory (runs:/)")
    # single file via run_id + artifact_path
    local = mlflow.artifacts.download_artifacts(run_id=rid, artifact_path="dl/sub/b.txt", dst_path=tmpdir("dl-f"))
    eq(read_bytes(local), read_bytes(os.path.join(src, "sub", "b.txt")), "downloaded file")
    # empty file
    local = mlflow.artifacts.download_artifacts(
        run_id=rid, artifact_path="dl/sub/deeper/empty.bin", dst_path=tmpdir("dl-e")
    )
    eq(read_bytes(local), b"", "downloaded empty file")
    # whole run root via mlflow-artifacts:/ URI
    uri = client.get_run(rid).info.artifact_uri
    local = mlflow.artifacts.download_artifacts(artifact_uri=f"{uri}/dl", dst_path=tmpdir("dl-u"))
    eq(tree_files(local), tree_files(src), "downloaded directory (mlflow-artifacts:/ URI)")


@check("binary artifact of 4 MB: upload + list size + download byte-exact")
def _():
    rid = art_run()
    data = bytes(range(256)) + random.Random(1234).randbytes(4 * 1024 * 1024) + b"\x00\xff\r\n"
    src = write_file(os.path.join(tmpdir("bin"), "blob.bin"), data)
    mlflow.log_artifact(src, artifact_path="bin", run_id=rid)
    eq(listing(rid, "bin"), [("bin/blob.bin", False, len(data))], "bin listing")
    local = client.download_artifacts(rid, "bin/blob.bin", tmpdir("bin-dst"))
    got = read_bytes(local)
    eq(len(got), len(data), "downloaded size")
    assert got == data, "downloaded bytes differ"
    assert filecmp.cmp(src, local, shallow=False)


@check("artifact names with spaces and '+'")
def _():
    rid = art_run()
    d = tmpdir("names")
    # ('%' is left out: the client puts the name into the URL unescaped, so even MLflow's own
    # server stores "percent%20.txt" as "percent .txt")
    names = ["with space.txt", "plus+sign.txt"]
    for n in names:
        write_file(os.path.join(d, n), f"content of {n}")
    mlflow.log_artifacts(d, artifact_path="names", run_id=rid)
    eq(sorted(p for p, _, _ in listing(rid, "names")), sorted(f"names/{n}" for n in names), "listing")
    for n in names:
        local = client.download_artifacts(rid, f"names/{n}", tmpdir("names-dst"))
        eq(read_bytes(local).decode(), f"content of {n}", f"download {n!r}")


@check("artifact with a non-ASCII file name: upload, list, download [MLflow's server here: HTTP 500]")
def _():
    # Downloads send Content-Disposition with the file name; MLflow 3.6.1.dev0's server (on
    # Debian's starlette) fails with HTTP 500 when that name is not ASCII.
    rid = art_run()
    n = "ünïcødé ✓.txt"
    src = write_file(os.path.join(tmpdir("uni"), n), f"content of {n}")
    mlflow.log_artifact(src, artifact_path="unicode", run_id=rid)
    eq(listing(rid, "unicode"), [(f"unicode/{n}", False, len(read_bytes(src)))], "listing")
    local = client.download_artifacts(rid, f"unicode/{n}", tmpdir("uni-dst"))
    eq(read_bytes(local), read_bytes(src), "downloaded bytes")


@check("delete artifacts via the artifact repository (file, then directory)")
def _():
    from mlflow.store.artifact.artifact_repository_registry import get_artifact_repository

    rid = art_run()
    d = tmpdir("del")
    write_file(os.path.join(d, "one.txt"), "1")
    write_file(os.path.join(d, "keep.txt"), "keep")
    write_file(os.path.join(d, "sub", "two.txt"), "2")
    mlflow.log_artifacts(d, artifact_path="del", run_id=rid)
    repo = get_artifact_repository(client.get_run(rid).info.artifact_uri)
    print(f"    INFO artifact repository: {type(repo).__name__}")
    assert hasattr(repo, "delete_artifacts"), "repository has no delete_artifacts"
    repo.delete_artifacts("del/one.txt")
    eq([p for p, _, _ in listing(rid, "del")], ["del/keep.txt", "del/sub"], "after deleting a file")
    repo.delete_artifacts("del/sub")
    eq([p for p, _, _ in listing(rid, "del")], ["del/keep.txt"], "after deleting a directory")


@check("download a missing artifact -> error")
def _():
    try:
        client.download_artifacts(art_run(), "does/not/exist.txt", tmpdir("missing"))
    except Exception as e:  # noqa: BLE001
        print(f"    INFO {type(e).__name__}: {str(e)[:200]}")
        return
    raise AssertionError("downloading a missing artifact succeeded")


@check("logged model artifacts: log_model_artifacts / list_logged_model_artifacts / models:/<model_id>")
def _():
    m = client.create_logged_model(exp_id(), name="artifact-model")
    print(f"    INFO logged model artifact_location={m.artifact_location}")
    src = make_tree(tmpdir("lm"))
    client.log_model_artifacts(m.model_id, src)
    got = sorted((f.path, f.is_dir) for f in client.list_logged_model_artifacts(m.model_id))
    eq(got, [("a.txt", False), ("sub", True)], "logged model root listing")
    got = sorted(f.path for f in client.list_logged_model_artifacts(m.model_id, "sub"))
    eq(got, ["sub/b.txt", "sub/deeper"], "logged model sub listing")
    local = mlflow.artifacts.download_artifacts(artifact_uri=f"models:/{m.model_id}", dst_path=tmpdir("lm-dst"))
    eq(tree_files(local), tree_files(src), "models:/<model_id> download")


# ---------------------------------------------------------------- model registry
# Each check registers its own model (name unique per run), so the checks stay independent.
from mlflow.models import Model  # noqa: E402

FLAVOR = "cairn_linear"


def write_linear_model(path, a, b, run_id=None):
    """A tiny MLflow model directory: MLmodel + coef.json (y = a*x + b)."""
    os.makedirs(path, exist_ok=True)
    write_file(os.path.join(path, "coef.json"), json.dumps({"a": a, "b": b}))
    mm = Model(artifact_path="model", run_id=run_id)
    mm.add_flavor(FLAVOR, data="coef.json")
    mm.save(os.path.join(path, "MLmodel"))
    return path


def model_run(a=2.0, b=1.0):
    """A run with a model directory at artifact path 'model'; returns run_id."""
    key = f"model_run_{a}_{b}"
    if key not in state:
        with mlflow.start_run(experiment_id=exp_id(), run_name=f"model-run-{a}-{b}") as run:
            src = write_linear_model(tmpdir("model"), a, b, run.info.run_id)
            mlflow.log_artifacts(src, artifact_path="model")
        state[key] = run.info.run_id
    return state[key]


def load_linear(model_uri):
    """Load a model by URI via MLflow's own artifact resolution and return a predict function."""
    local = mlflow.artifacts.download_artifacts(artifact_uri=model_uri, dst_path=tmpdir("load"))
    mm = Model.load(local)
    assert FLAVOR in mm.flavors, f"flavors: {mm.flavors}"
    coef = json.loads(read_bytes(os.path.join(local, mm.flavors[FLAVOR]["data"])))
    return lambda xs: [coef["a"] * x + coef["b"] for x in xs]


def rm_name(label):
    return f"cc-{label}-{SUFFIX}"


def new_model(label, versions=0, **kwargs):
    name = rm_name(label)
    client.create_registered_model(name, **kwargs)
    rid = model_run()
    for _ in range(versions):
        client.create_model_version(name, f"runs:/{rid}/model", run_id=rid)
    return name


@check("create_registered_model with tags + description / get_registered_model")
def _():
    name = rm_name("reg")
    rm = client.create_registered_model(name, tags={"team": "cairn", "k": "v"}, description="first model")
    eq(rm.name, name, "name")
    eq(rm.description, "first model", "description")
    eq(rm.tags, {"team": "cairn", "k": "v"}, "tags")
    assert rm.creation_timestamp and rm.last_updated_timestamp, "timestamps"
    got = client.get_registered_model(name)
    eq((got.name, got.description, got.tags), (name, "first model", {"team": "cairn", "k": "v"}), "get")
    eq(got.latest_versions, [], "latest_versions of a new model")
    eq(got.aliases, {}, "aliases of a new model")


@check("create_registered_model duplicate -> RESOURCE_ALREADY_EXISTS")
def _():
    name = new_model("dup")
    expect_error(lambda: client.create_registered_model(name), "RESOURCE_ALREADY_EXISTS")


@check("unknown registered model / version -> RESOURCE_DOES_NOT_EXIST, unknown alias -> 400 or 404")
def _():
    missing = rm_name("missing")
    expect_error(lambda: client.get_registered_model(missing), "RESOURCE_DOES_NOT_EXIST")
    expect_error(lambda: client.get_model_version(missing, "1"), "RESOURCE_DOES_NOT_EXIST")
    expect_error(lambda: client.get_latest_versions(missing), "RESOURCE_DOES_NOT_EXIST")
    expect_error(lambda: client.delete_registered_model(missing), "RESOURCE_DOES_NOT_EXIST")
    expect_error(lambda: client.rename_registered_model(missing, missing + "-x"), "RESOURCE_DOES_NOT_EXIST")
    expect_error(lambda: client.create_model_version(missing, "s3://b/p"), "RESOURCE_DOES_NOT_EXIST")
    name = new_model("missing-version", versions=1)
    expect_error(lambda: client.get_model_version(name, "99"), "RESOURCE_DOES_NOT_EXIST")
    expect_error(lambda: client.get_model_version_by_alias(name, "nope"), UNKNOWN_ALIAS)


@check("mlflow.register_model from runs:/ URI (RESOURCE_ALREADY_EXISTS tolerated)")
def _():
    rid = model_run()
    name = rm_name("from-run")
    mv1 = mlflow.register_model(f"runs:/{rid}/model", name)  # creates the registered model
    mv2 = mlflow.register_model(f"runs:/{rid}/model", name)  # create -> RESOURCE_ALREADY_EXISTS, tolerated
    eq((mv1.name, mv1.version, mv2.version), (name, "1", "2"), "versions")
    eq(mv1.run_id, rid, "run_id")
    eq(mv1.source, client.get_run(rid).info.artifact_uri + "/model", "source is the run's artifact location")
    eq(mv1.status, "READY", "status")
    eq(mv1.current_stage, "None", "current_stage")
    eq(client.get_registered_model(name).name, name, "registered model created")


@check("create_model_version (tags, description, run_link) + get_model_version")
def _():
    rid = model_run()
    name = new_model("mv")
    mv = client.create_model_version(
        name,
        f"runs:/{rid}/model",
        run_id=rid,
        tags={"t1": "x", "t2": "y"},
        description="v1 desc",
        run_link="http://example.com/run",
    )
    eq(mv.version, "1", "version")
    eq(mv.tags, {"t1": "x", "t2": "y"}, "tags")
    eq(mv.description, "v1 desc", "description")
    got = client.get_model_version(name, "1")
    eq((got.name, got.version, got.source, got.run_id), (name, "1", f"runs:/{rid}/model", rid), "get")
    eq(got.tags, {"t1": "x", "t2": "y"}, "get tags")
    eq(got.run_link, "http://example.com/run", "run_link")
    eq(got.status, "READY", "status")
    assert got.creation_timestamp and got.last_updated_timestamp, "timestamps"
    mv2 = client.create_model_version(name, f"runs:/{rid}/model")
    eq(mv2.version, "2", "second version")
    eq([v.version for v in client.get_registered_model(name).latest_versions], ["2"], "latest_versions")


@check("create_model_version with a local or '..' source -> INVALID_PARAMETER_VALUE")
def _():
    name = new_model("local-src")
    problems = []
    for source in ("/tmp/some/local/model", "file:///tmp/x", "s3://bucket/model/../../other"):
        try:
            expect_error(lambda: client.create_model_version(name, source), "INVALID_PARAMETER_VALUE")
        except AssertionError as e:
            problems.append(f"source {source!r}: {e}")
    assert not problems, "; ".join(problems)


@check("update_model_version / update_registered_model (description)")
def _():
    name = new_model("upd", versions=1, description="old")
    mv = client.update_model_version(name, "1", description="new version desc")
    eq(mv.description, "new version desc", "update_model_version return")
    eq(client.get_model_version(name, "1").description, "new version desc", "after update")
    rm = client.update_registered_model(name, description="new model desc")
    eq(rm.description, "new model desc", "update_registered_model return")
    eq(client.get_registered_model(name).description, "new model desc", "after update")


@check("set/delete tags on registered models and model versions")
def _():
    name = new_model("tags", versions=1)
    client.set_registered_model_tag(name, "rk", "rv")
    client.set_registered_model_tag(name, "rk2", "rv2")
    client.delete_registered_model_tag(name, "rk2")
    eq(client.get_registered_model(name).tags, {"rk": "rv"}, "registered model tags")
    client.set_model_version_tag(name, "1", "vk", "vv")
    client.set_model_version_tag(name, "1", "vk2", "vv2")
    client.delete_model_version_tag(name, "1", "vk2")
    eq(client.get_model_version(name, "1").tags, {"vk": "vv"}, "model version tags")
    client.set_registered_model_tag(name, "rk", "overwritten")
    eq(client.get_registered_model(name).tags, {"rk": "overwritten"}, "overwritten tag")


@check("aliases: set_registered_model_alias / get_model_version_by_alias / delete")
def _():
    name = new_model("alias", versions=2)
    client.set_registered_model_alias(name, "champion", "1")
    client.set_registered_model_alias(name, "challenger", "2")
    mv = client.get_model_version_by_alias(name, "champion")
    eq((mv.version, mv.aliases), ("1", ["champion"]), "by alias")
    eq(client.get_registered_model(name).aliases, {"champion": "1", "challenger": "2"}, "registered model aliases")
    eq(client.get_model_version(name, "2").aliases, ["challenger"], "version aliases")
    client.set_registered_model_alias(name, "champion", "2")  # move
    eq(client.get_model_version_by_alias(name, "champion").version, "2", "moved alias")
    eq(sorted(client.get_model_version(name, "2").aliases), ["challenger", "champion"], "v2 aliases")
    eq(client.get_model_version(name, "1").aliases, [], "v1 aliases after move")
    client.delete_registered_model_alias(name, "challenger")
    eq(client.get_registered_model(name).aliases, {"champion": "2"}, "after delete alias")
    expect_error(lambda: client.get_model_version_by_alias(name, "challenger"), UNKNOWN_ALIAS)


@check("transition_model_version_stage (+archive_existing_versions) / get_latest_versions")
def _():
    name = new_model("stage", versions=3)
    mv = client.transition_model_version_stage(name, "1", "Staging")
    eq(mv.current_stage, "Staging", "transition return")
    client.transition_model_version_stage(name, "2", "Production")
    eq(
        sorted((v.version, v.current_stage) for v in client.get_latest_versions(name)),
        [("1", "Staging"), ("2", "Production"), ("3", "None")],
        "latest per stage",
    )
    eq([v.version for v in client.get_latest_versions(name, stages=["Production"])], ["2"], "Production")
    client.transition_model_version_stage(name, "3", "production", archive_existing_versions=True)
    eq(client.get_model_version(name, "3").current_stage, "Production", "v3 stage (lowercase accepted)")
    eq(client.get_model_version(name, "2").current_stage, "Archived", "v2 archived")
    eq(client.get_model_version(name, "1").current_stage, "Staging", "v1 untouched")
    eq([v.version for v in client.get_latest_versions(name, stages=["Production"])], ["3"], "Production after")
    eq([v.version for v in client.get_latest_versions(name, stages=["Archived"])], ["2"], "Archived")
    expect_error(lambda: client.transition_model_version_stage(name, "1", "Bogus"), "INVALID_PARAMETER_VALUE")


@check("search_registered_models (filter, order_by, paging)")
def _():
    base = rm_name("srch")
    for n in ("a", "b", "c"):
        client.create_registered_model(f"{base}-{n}", tags={"group": base if n != "c" else "other"})
    res = client.search_registered_models(filter_string=f"name LIKE '{base}-%'", order_by=["name DESC"])
    eq([m.name for m in res], [f"{base}-c", f"{base}-b", f"{base}-a"], "LIKE + name DESC")
    res = client.search_registered_models(filter_string=f"name = '{base}-b'")
    eq([m.name for m in res], [f"{base}-b"], "name =")
    res = client.search_registered_models(filter_string=f"tags.group = '{base}'", order_by=["name ASC"])
    eq([m.name for m in res], [f"{base}-a", f"{base}-b"], "tag filter")
    res = client.search_registered_models(filter_string=f"name ILIKE '{base.upper()}-%'")
    eq(len(res), 3, "ILIKE")
    p1 = client.search_registered_models(filter_string=f"name LIKE '{base}-%'", max_results=2, order_by=["name ASC"])
    eq([m.name for m in p1], [f"{base}-a", f"{base}-b"], "page 1")
    assert p1.token, "page token expected"
    p2 = client.search_registered_models(
        filter_string=f"name LIKE '{base}-%'", max_results=2, order_by=["name ASC"], page_token=p1.token
    )
    eq([m.name for m in p2], [f"{base}-c"], "page 2")
    assert not p2.token, f"unexpected token on last page: {p2.token!r}"
    res = client.search_registered_models(
        filter_string=f"name LIKE '{base}-%'", order_by=["last_updated_timestamp DESC", "name ASC"]
    )
    eq(len(res), 3, "order_by last_updated_timestamp")
    fluent = mlflow.search_registered_models(filter_string=f"name LIKE '{base}-%'")
    eq(len(fluent), 3, "fluent search_registered_models")
    expect_error(
        lambda: client.search_registered_models(filter_string="name >>> 'x'"), "INVALID_PARAMETER_VALUE"
    )


@check("search_model_versions (filter by name, run_id, tags; paging)")
def _():
    rid = model_run()
    other = model_run(3.0, 0.0)
    name = new_model("smv", versions=2)
    client.create_model_version(name, f"runs:/{other}/model", run_id=other, tags={"kind": "other"})
    res = client.search_model_versions(f"name = '{name}'")
    eq(sorted(v.version for v in res), ["1", "2", "3"], "by name")
    res = client.search_model_versions(f"name = '{name}' and run_id = '{other}'")
    eq([v.version for v in res], ["3"], "by name and run_id")
    res = client.search_model_versions(f"run_id IN ('{rid}') and name = '{name}'")
    eq(sorted(v.version for v in res), ["1", "2"], "run_id IN")
    res = client.search_model_versions(f"name = '{name}' and tags.kind = 'other'")
    eq([v.version for v in res], ["3"], "by tag")
    res = client.search_model_versions(f"name = '{name}'", order_by=["version_number DESC"])
    eq([v.version for v in res], ["3", "2", "1"], "order_by version_number DESC")
    p1 = client.search_model_versions(f"name = '{name}'", max_results=2, order_by=["version_number ASC"])
    eq([v.version for v in p1], ["1", "2"], "page 1")
    assert p1.token, "page token expected"
    p2 = client.search_model_versions(
        f"name = '{name}'", max_results=2, order_by=["version_number ASC"], page_token=p1.token
    )
    eq([v.version for v in p2], ["3"], "page 2")
    fluent = mlflow.search_model_versions(filter_string=f"name = '{name}'")
    eq(len(fluent), 3, "fluent search_model_versions")


@check("get_model_version_download_uri")
def _():
    rid = model_run()
    name = rm_name("dluri")
    mlflow.register_model(f"runs:/{rid}/model", name)
    uri = client.get_model_version_download_uri(name, "1")
    eq(uri, client.get_run(rid).info.artifact_uri + "/model", "download uri")
    expect_error(lambda: client.get_model_version_download_uri(name, "9"), "RESOURCE_DOES_NOT_EXIST")


@check("rename_registered_model (versions and aliases follow)")
def _():
    name = new_model("ren", versions=2)
    client.set_registered_model_alias(name, "a1", "1")
    new = name + "-renamed"
    client.rename_registered_model(name, new)  # MlflowClient returns None here
    eq(client.get_registered_model(new).name, new, "get under new name")
    expect_error(lambda: client.get_registered_model(name), "RESOURCE_DOES_NOT_EXIST")
    eq(client.get_model_version(new, "2").name, new, "version under new name")
    eq(client.get_model_version_by_alias(new, "a1").version, "1", "alias under new name")
    eq(sorted(v.version for v in client.search_model_versions(f"name = '{new}'")), ["1", "2"], "search new name")
    other = new_model("ren-taken")
    expect_error(lambda: client.rename_registered_model(new, other), "RESOURCE_ALREADY_EXISTS")


@check("delete_model_version / delete_registered_model")
def _():
    name = new_model("del", versions=3)
    client.set_registered_model_alias(name, "gone", "2")
    client.delete_model_version(name, "2")
    expect_error(lambda: client.get_model_version(name, "2"), "RESOURCE_DOES_NOT_EXIST")
    eq(sorted(v.version for v in client.search_model_versions(f"name = '{name}'")), ["1", "3"], "remaining")
    # MLflow 3.6.1.dev0 keeps an alias that points to a deleted version; report, don't judge
    print(f"    INFO aliases after deleting the aliased version: {client.get_registered_model(name).aliases}")
    mv = client.create_model_version(name, f"runs:/{model_run()}/model")
    eq(mv.version, "4", "version numbers are not reused")
    client.delete_registered_model(name)
    expect_error(lambda: client.get_registered_model(name), "RESOURCE_DOES_NOT_EXIST")
    eq(list(client.search_model_versions(f"name = '{name}'")), [], "versions of deleted model")


# ---------------------------------------------------------------- model loading by URI
# mlflow.pyfunc needs pydantic 2 (mlflow.types.agent); where it cannot be imported, the model is a
# plain MLflow model directory (MLmodel + coef.json) loaded through MLflow's own URI resolution.
try:
    import mlflow.pyfunc  # noqa: F401

    PYFUNC_ERROR = None
except Exception as _e:  # noqa: BLE001
    PYFUNC_ERROR = f"{type(_e).__name__}: {_e}"
print(f"INFO  mlflow.pyfunc importable: {PYFUNC_ERROR is None}" + (f" ({PYFUNC_ERROR})" if PYFUNC_ERROR else ""))


def registered_linear(label):
    """A registered model whose v1 (a=2,b=1) is @champion and in Production; v2 (a=3,b=0) is latest."""
    key = f"linear_{label}"
    if key not in state:
        name = rm_name(label)
        mlflow.register_model(f"runs:/{model_run(2.0, 1.0)}/model", name)
        mlflow.register_model(f"runs:/{model_run(3.0, 0.0)}/model", name)
        client.set_registered_model_alias(name, "champion", "1")
        client.transition_model_version_stage(name, "1", "Production")
        state[key] = name
    return state[key]


if PYFUNC_ERROR is None:

    class _Linear(mlflow.pyfunc.PythonModel):
        def __init__(self, a, b):
            self.a, self.b = a, b

        def predict(self, context, model_input, params=None):
            return [self.a * x + self.b for x in model_input["x"]]

    @check("pyfunc: log_model(name=...) + register + load_model(models:/name/1, @alias, /Production)")
    def _():
        import pandas as pd

        name = rm_name("pyfunc")
        with mlflow.start_run(experiment_id=exp_id(), run_name="pyfunc-run"):
            info1 = mlflow.pyfunc.log_model(name="model", python_model=_Linear(2, 1), registered_model_name=name)
            mlflow.pyfunc.log_model(name="model2", python_model=_Linear(3, 0), registered_model_name=name)
        assert info1.model_id and info1.model_id.startswith("m-"), info1.model_id
        client.set_registered_model_alias(name, "champion", "1")
        client.transition_model_version_stage(name, "1", "Production")
        df = pd.DataFrame({"x": [1, 2, 3]})
        for uri in (f"models:/{name}/1", f"models:/{name}@champion", f"models:/{name}/Production", info1.model_uri):
            eq(list(mlflow.pyfunc.load_model(uri).predict(df)), [3, 5, 7], uri)
        eq(list(mlflow.pyfunc.load_model(f"models:/{name}/latest").predict(df)), [3, 6, 9], "latest")


@check("load a registered model by URI: models:/name/1, @alias, /Production, /latest + predict")
def _():
    name = registered_linear("load")
    xs = [1, 2, 3]
    eq(load_linear(f"models:/{name}/1")(xs), [3.0, 5.0, 7.0], "models:/name/1")
    eq(load_linear(f"models:/{name}@champion")(xs), [3.0, 5.0, 7.0], "models:/name@champion")
    eq(load_linear(f"models:/{name}/Production")(xs), [3.0, 5.0, 7.0], "models:/name/Production")
    eq(load_linear(f"models:/{name}/latest")(xs), [3.0, 6.0, 9.0], "models:/name/latest")
    eq(load_linear(f"models:/{name}/2")(xs), [3.0, 6.0, 9.0], "models:/name/2")


@check("download_artifacts('models:/name/1') is byte-exact with the run's model directory")
def _():
    name = registered_linear("load-bytes")
    rid = model_run(2.0, 1.0)
    from_run = client.download_artifacts(rid, "model", tmpdir("from-run"))
    from_registry = tree_files(mlflow.artifacts.download_artifacts(f"models:/{name}/1", dst_path=tmpdir("from-reg")))
    # the client itself adds registered_model_meta after a models:/name/... download
    meta = from_registry.pop("registered_model_meta", None)
    eq(tree_files(from_run), from_registry, "registry download vs run download")
    import yaml

    eq(yaml.safe_load(meta or b"{}"), {"model_name": name, "model_version": "1"}, "registered_model_meta")
    mm = Model.load(f"models:/{name}@champion")  # MLmodel only, through the registry
    eq(mm.run_id, rid, "MLmodel run_id via models:/name@champion")


@check("Model.log(name=...) with a flavor: MLflow 3 logged model via proxy, registered, loaded")
def _():
    def save_model(path, mlflow_model, a=0.0, b=0.0, **kwargs):
        os.makedirs(path, exist_ok=True)
        write_file(os.path.join(path, "coef.json"), json.dumps({"a": a, "b": b}))
        mlflow_model.add_flavor(FLAVOR, data="coef.json")
        mlflow_model.save(os.path.join(path, "MLmodel"))

    flavor = types.SimpleNamespace(__name__=FLAVOR, save_model=save_model)
    name = rm_name("logged")
    with mlflow.start_run(experiment_id=exp_id(), run_name="logged-model-run") as run:
        info = Model.log(artifact_path=None, flavor=flavor, name="tiny", registered_model_name=name, a=5.0, b=-1.0)
    assert info.model_id and info.model_id.startswith("m-"), info.model_id
    eq(info.registered_model_version, "1", "registered_model_version")
    lm = client.get_logged_model(info.model_id)
    print(f"    INFO logged model artifact_location={lm.artifact_location}")
    eq(lm.name, "tiny", "logged model name")
    eq(lm.source_run_id, run.info.run_id, "source_run_id")
    # the server tags the model on create_model_version (model_id) and the client appends again;
    # MLflow 3.6.1.dev0's server writes version as a JSON number, the client as a string
    tagged = json.loads(lm.tags.get("mlflow.modelVersions", "[]"))
    print(f"    INFO mlflow.modelVersions tag: {lm.tags.get('mlflow.modelVersions')}")
    assert any(t.get("name") == name and str(t.get("version")) == "1" for t in tagged), tagged
    got = sorted(f.path for f in client.list_logged_model_artifacts(info.model_id))
    assert "MLmodel" in got and "coef.json" in got, got
    mv = client.get_model_version(name, "1")
    # MLflow 3.6.1.dev0's server leaves model_id out of the ModelVersion it returns; accept both
    print(f"    INFO model version model_id={mv.model_id!r}")
    assert mv.model_id in (info.model_id, None), mv.model_id
    eq(mv.source, f"models:/{info.model_id}", "model version source")
    outs = client.get_run(run.info.run_id).outputs
    assert info.model_id in [o.model_id for o in (outs.model_outputs if outs else [])], "run output link"
    xs = [0, 1, 2]
    eq(load_linear(info.model_uri)(xs), [-1.0, 4.0, 9.0], f"{info.model_uri}")
    eq(load_linear(f"models:/{name}/1")(xs), [-1.0, 4.0, 9.0], "models:/name/1")
    client.set_registered_model_alias(name, "prod", "1")
    eq(load_linear(f"models:/{name}@prod")(xs), [-1.0, 4.0, 9.0], "models:/name@prod")
    # registering the logged model again by its model_id URI
    mv2 = mlflow.register_model(f"models:/{info.model_id}", name)
    eq(mv2.version, "2", "register_model(models:/<model_id>)")
    eq(load_linear(f"models:/{name}/2")(xs), [-1.0, 4.0, 9.0], "models:/name/2")


# ---------------------------------------------------------------- summary
import shutil  # noqa: E402

shutil.rmtree(WORK, ignore_errors=True)
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

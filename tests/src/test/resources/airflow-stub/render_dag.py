"""Loads a DAG file against the stub airflow package and prints its tasks as JSON lines.

Each line: the DAG, its schedule, the task, its operator, its upstream tasks, the main class and
costlake arguments it runs (as written, templates unrendered), and the same rendered for one run.
Templates are rendered with Jinja2 (what Airflow renders with; StrictUndefined, Airflow's default)
against the run context given by STUB_DATA_INTERVAL_START (yyyy-mm-dd, or "none" for an Airflow 3
run without a logical date) and STUB_RUN_AFTER. For SparkSubmitOperator the line also holds the
spark-submit command SparkSubmitHook builds from the operator and the connection in
AIRFLOW_CONN_<CONN_ID> (the Airflow convention for connections in the environment): the argument
order of the provider's _build_spark_common_args (apache-airflow-providers-apache-spark 6.3.2).
"""
import json
import os
import runpy
import sys
from datetime import datetime, timedelta
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import jinja2

from airflow import _stub


def context():
    start = os.environ.get("STUB_DATA_INTERVAL_START", "2025-10-15")
    run_after = datetime.fromisoformat(os.environ.get("STUB_RUN_AFTER", "2025-10-16"))
    interval_start = None if start == "none" else datetime.fromisoformat(start)
    ti = SimpleNamespace(
        try_number=1, xcom_pull=lambda task_ids=None, **_: [f"s-STEP-OF-{task_ids}"]
    )
    return {
        "data_interval_start": interval_start,
        "data_interval_end": None if interval_start is None else interval_start + timedelta(days=1),
        "logical_date": interval_start,
        "dag_run": SimpleNamespace(run_id="stub_run", run_after=run_after),
        "ti": ti,
        "task_instance": ti,
    }


ENV = jinja2.Environment(undefined=jinja2.StrictUndefined)


def render(value, ctx):
    if isinstance(value, str):
        return ENV.from_string(value).render(**ctx)
    if isinstance(value, list):
        return [render(v, ctx) for v in value]
    if isinstance(value, tuple):
        return tuple(render(v, ctx) for v in value)
    if isinstance(value, dict):
        return {k: render(v, ctx) for k, v in value.items()}
    return value


def jsonable(value):
    if isinstance(value, timedelta):
        return value.total_seconds()
    if callable(value):
        return getattr(value, "__name__", repr(value))
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def connection(conn_id):
    """An Airflow connection from AIRFLOW_CONN_<ID>, as a URI."""
    uri = os.environ.get("AIRFLOW_CONN_" + conn_id.upper())
    if uri is None:
        return None
    parts = urlsplit(uri)
    return {
        "conn_type": parts.scheme,
        "host": parts.hostname or "",
        "port": parts.port,
        "extra": dict(parse_qsl(parts.query)),
    }


def spark_submit_command(kw):
    """SparkSubmitHook._build_spark_submit_command for what the DAG passes."""
    conn = connection(kw.get("conn_id", "spark_default"))
    master, deploy_mode, queue = "yarn", None, None
    if conn is not None:
        if conn["conn_type"] == "spark" and conn["host"] and ("://" in conn["host"] or not conn["port"]):
            master = conn["host"]
        else:
            master = f"{conn['conn_type']}://{conn['host']}"
        if conn["port"]:
            master = f"{master}:{conn['port']}"
        deploy_mode = kw.get("deploy_mode") or conn["extra"].get("deploy-mode")
        queue = kw.get("yarn_queue") or conn["extra"].get("queue")
    args = ["spark-submit", "--master", master]
    for key, value in (kw.get("conf") or {}).items():
        args += ["--conf", f"{key}={value}"]
    for option, flag in [
        ("properties_file", "--properties-file"),
        ("files", "--files"),
        ("py_files", "--py-files"),
        ("archives", "--archives"),
        ("driver_class_path", "--driver-class-path"),
        ("jars", "--jars"),
        ("packages", "--packages"),
        ("exclude_packages", "--exclude-packages"),
        ("repositories", "--repositories"),
        ("num_executors", "--num-executors"),
        ("total_executor_cores", "--total-executor-cores"),
        ("executor_cores", "--executor-cores"),
        ("executor_memory", "--executor-memory"),
        ("driver_memory", "--driver-memory"),
        ("keytab", "--keytab"),
        ("principal", "--principal"),
        ("proxy_user", "--proxy-user"),
    ]:
        if kw.get(option):
            args += [flag, str(kw[option])]
    args += ["--name", kw.get("name", "arrow-spark")]
    if kw.get("java_class"):
        args += ["--class", kw["java_class"]]
    if kw.get("verbose"):
        args += ["--verbose"]
    if queue:
        args += ["--queue", queue]
    if deploy_mode:
        args += ["--deploy-mode", deploy_mode]
    return args + [kw.get("application", "")] + list(kw.get("application_args") or [])


def costlake_command(kind, kw):
    """(main class, costlake arguments) of a task, None for a sensor."""
    if kind == "SparkSubmitOperator":
        return kw["java_class"], kw["application_args"]
    if kind == "EmrAddStepsOperator":
        submit = kw["steps"][0]["HadoopJarStep"]["Args"]
        jar = next(i for i, a in enumerate(submit) if a.endswith(".jar"))
        return submit[submit.index("--class") + 1], submit[jar + 1 :]
    if kind == "EmrServerlessStartJobOperator":
        driver = kw["job_driver"]["sparkSubmit"]
        return driver["sparkSubmitParameters"].split("--class ")[1].split()[0], driver[
            "entryPointArguments"
        ]
    if kind == "DataprocSubmitJobOperator":
        job = kw["job"]["spark_job"]
        return job["main_class"], job["args"]
    if kind == "DataprocCreateBatchOperator":
        batch = kw["batch"]["spark_batch"]
        return batch["main_class"], batch["args"]
    return None, None


def main():
    runpy.run_path(sys.argv[1])
    ctx = context()
    for task in _stub.TASKS:
        kind = type(task).__name__
        rendered = dict(task.kwargs)
        for field in type(task).template_fields():
            if field in rendered:
                rendered[field] = render(rendered[field], ctx)
        main_class, args = costlake_command(kind, task.kwargs)
        _, rendered_args = costlake_command(kind, rendered)
        line = {
            "dag_id": task.dag.dag_id,
            "schedule": task.dag.kwargs.get("schedule"),
            "dag_kwargs": sorted(task.dag.kwargs),
            "task_id": task.task_id,
            "operator": kind,
            "main_class": main_class,
            "args": args,
            "rendered_args": rendered_args,
            "kwargs": jsonable(rendered),
            "defaults": jsonable(task.defaults),
            "upstream": task.upstream,
        }
        if kind == "SparkSubmitOperator":
            line["spark_submit"] = spark_submit_command(rendered)
        print(json.dumps(line))


main()

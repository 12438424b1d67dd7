"""
### costlake: cloud billing exports to FOCUS Delta tables, one billing period per run

The **daily** DAG (`costlake`) works on the billing period of its run: ingest per provider side by
side, then `pipeline` (validate, amortize, allocate, chargeback, reconcile, anomalies and report in
one Spark application, recorded in `pipeline_runs`), then `verify` (the tables agree with the
ingest audit), `catalog`, and `notify` (the period's new budget and anomaly alerts to their owners'
webhooks, each once: a retried task sends only what was not delivered), each with `--period` given,
so a retry or a backfill touches exactly that period. A run on the 1st works on the month that just
ended (its data interval starts on the last day of that month). Every job replaces its slices
atomically: a retried task converges to the same tables. `COSTLAKE_TASK_PER_JOB=true` runs each of
those jobs as a task of its own instead (a failure then retries only its job, at the price of a
Spark application per job).

The **catch-up** DAG (`costlake_catchup`) picks up what the daily runs cannot see: files that
arrive late for an earlier period (AWS restates last month's CUR into the next, Azure and GCP add
late usage). It ingests every period without `--period` (slices whose files did not change stay
as they are) and runs `pipeline`, which recomputes exactly the periods those slices belong to,
then `verify` over every period.
Weekly by default; `COSTLAKE_CATCHUP_SCHEDULE` takes a cron expression, or `off`.

Both DAGs' tasks take a slot of the pool `COSTLAKE_POOL` (default `costlake`), so the two never
write the same tables at once. Create it once, with one slot, counting deferred tasks:
`airflow pools set costlake 1 "costlake writers" --include-deferred`.

How tasks run, `COSTLAKE_RUNNER` (read from the environment: parsing needs no database):

| runner | operators | needs |
|---|---|---|
| `spark_submit` | SparkSubmitOperator through the `spark_default` connection (YARN, Kubernetes, standalone) | `apache-airflow-providers-apache-spark` |
| `emr` | EmrAddStepsOperator, then a deferrable EmrStepSensor, on `COSTLAKE_EMR_CLUSTER_ID` | `apache-airflow-providers-amazon` |
| `emr_serverless` | EmrServerlessStartJobOperator (deferrable) on `COSTLAKE_EMR_SERVERLESS_APP_ID` with `COSTLAKE_EMR_SERVERLESS_ROLE_ARN` | `apache-airflow-providers-amazon` |
| `dataproc` | DataprocSubmitJobOperator (deferrable) on `COSTLAKE_DATAPROC_CLUSTER` | `apache-airflow-providers-google` |
| `dataproc_batch` | DataprocCreateBatchOperator (deferrable), Serverless runtime 1.2 | `apache-airflow-providers-google` |

Where things are: `COSTLAKE_JAR`, `COSTLAKE_CONF_URI` (the uploaded config folder's
`costlake.yaml`), `COSTLAKE_WAREHOUSE`, `COSTLAKE_AWS_SOURCE`, `COSTLAKE_GCP_SOURCE`,
`COSTLAKE_AZURE_SOURCE`; each defaults to the README's layout under the runner's scheme (`s3a://`
for spark_submit, `s3://` on EMR, `gs://` on Dataproc). `COSTLAKE_TASK_TIMEOUT_MINUTES` bounds each
task (default 180). `COSTLAKE_ON_FAILURE` names a function `module:function` called with the task's
context when a task fails (after costlake's own log line), e.g. to page someone. Credentials come
from the cluster's instance profile or service account and the Airflow connections, never from this
file.
"""
import importlib
import logging
import os
from datetime import datetime, timedelta

try:  # Airflow 3: DAGs are written against the task SDK
    from airflow.sdk import DAG
except ImportError:  # Airflow 2.9 to 2.11
    from airflow import DAG

RUNNER = os.environ.get("COSTLAKE_RUNNER", "spark_submit")
MAIN_CLASS = "io.costlake.jobs.Main"
JAR_NAME = "costlake-jobs-0.1.0-SNAPSHOT.jar"
# Each runner's file system scheme: S3A where Spark is plain Apache, EMRFS on EMR, GCS on Dataproc.
SCHEME = {
    "spark_submit": "s3a",
    "emr": "s3",
    "emr_serverless": "s3",
    "dataproc": "gs",
    "dataproc_batch": "gs",
}
if RUNNER not in SCHEME:
    raise ValueError(f"COSTLAKE_RUNNER must be one of {sorted(SCHEME)}, not {RUNNER!r}")


def _setting(name, default):
    return os.environ.get(name) or default


_ROOT = f"{SCHEME[RUNNER]}://my-bucket/costlake"
_EXPORTS = f"{SCHEME[RUNNER]}://my-billing-exports"
JAR = _setting("COSTLAKE_JAR", f"{_ROOT}/{JAR_NAME}")
CONF_URI = _setting("COSTLAKE_CONF_URI", f"{_ROOT}/conf/costlake.yaml")
WAREHOUSE = _setting("COSTLAKE_WAREHOUSE", f"{_ROOT}/warehouse")
SOURCES = {
    "aws": _setting("COSTLAKE_AWS_SOURCE", f"{_EXPORTS}/cur/"),
    "gcp": _setting("COSTLAKE_GCP_SOURCE", f"{_EXPORTS}/gcp/"),
    "azure": _setting("COSTLAKE_AZURE_SOURCE", f"{_EXPORTS}/azure/"),
}
POOL = _setting("COSTLAKE_POOL", "costlake")
TASK_PER_JOB = _setting("COSTLAKE_TASK_PER_JOB", "false").lower() == "true"
TASK_TIMEOUT = timedelta(minutes=int(_setting("COSTLAKE_TASK_TIMEOUT_MINUTES", "180")))
# Sunday 04:00: away from the daily run's midnight start.
CATCHUP_SCHEDULE = _setting("COSTLAKE_CATCHUP_SCHEDULE", "0 4 * * 0")

# The billing period of the run. Airflow 3 may start a run without a logical date (a manual
# trigger): then the month it runs after.
PERIOD = "{{ (data_interval_start or dag_run.run_after).strftime('%Y-%m') }}"
# Cloud job names take [a-z0-9-]: the task, the period's month and the try.
RUN_SUFFIX = "{{ (data_interval_start or dag_run.run_after).strftime('%Y%m') }}-{{ ti.try_number }}"

log = logging.getLogger(__name__)


def on_failure(context):
    """costlake's failure hook: one line naming the task and period, then the user's hook."""
    task = context.get("task_instance") or context.get("ti")
    log.error(
        "costlake task %s of %s failed (run %s): %s",
        getattr(task, "task_id", "?"),
        getattr(task, "dag_id", "?"),
        getattr(context.get("dag_run"), "run_id", "?"),
        context.get("exception"),
    )
    hook = os.environ.get("COSTLAKE_ON_FAILURE")
    if hook:
        module, _, function = hook.partition(":")
        getattr(importlib.import_module(module), function)(context)


DEFAULT_ARGS = {
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "execution_timeout": TASK_TIMEOUT,
    "pool": POOL,
    "on_failure_callback": on_failure,
}


def costlake(job, *options, period=PERIOD):
    """The costlake command line of one task: the job, its options, and the shared ones.
    period=None leaves --period out: ingest reads every period, pipeline computes the stale ones."""
    scope = ["--period", period] if period else []
    return [job, *options, *scope, "--warehouse", WAREHOUSE, "--conf", CONF_URI]


def ingest_tasks(period=PERIOD):
    """(task id, costlake arguments) of one ingest per provider; they run side by side."""
    return [
        (
            f"ingest_{provider}",
            costlake("ingest", "--provider", provider, "--source", source, period=period),
        )
        for provider, source in SOURCES.items()
    ]


# (task id, costlake arguments), in pipeline order.
INGEST = ingest_tasks()
JOBS_AFTER_INGEST = [
    "validate",
    "amortize",
    "allocate",
    "chargeback",
    "reconcile",
    "anomalies",
    "report",
]
# pipeline runs JOBS_AFTER_INGEST in one Spark application and records the period in pipeline_runs.
DOWNSTREAM = [
    (job, costlake(job))
    for job in (JOBS_AFTER_INGEST if TASK_PER_JOB else ["pipeline"]) + ["verify", "catalog", "notify"]
]
CATCHUP_INGEST = ingest_tasks(period=None)
# verify checks every table against the ingest audit; it fails the run when a slice is not what
# ingest recorded (a killed run, a change by hand), naming it; costlake verify --repair mends it.
CATCHUP_DOWNSTREAM = [
    ("pipeline", costlake("pipeline", period=None)),
    ("verify", costlake("verify", period=None)),
]


def spark_submit_task(task_id, args):
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    task = SparkSubmitOperator(
        task_id=task_id,
        conn_id=os.environ.get("COSTLAKE_SPARK_CONN_ID", "spark_default"),
        application=JAR,
        java_class=MAIN_CLASS,
        name=f"costlake-{task_id}",
        application_args=args,
    )
    return task, task


def emr_task(task_id, args):
    from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator
    from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor

    cluster = os.environ.get("COSTLAKE_EMR_CLUSTER_ID", "j-XXXXXXXXXXXXX")
    add = EmrAddStepsOperator(
        task_id=task_id,
        job_flow_id=cluster,
        steps=[
            {
                "Name": f"costlake {task_id} {PERIOD}",
                "ActionOnFailure": "CONTINUE",
                "HadoopJarStep": {
                    "Jar": "command-runner.jar",
                    "Args": [
                        "spark-submit",
                        "--deploy-mode",
                        "cluster",
                        "--class",
                        MAIN_CLASS,
                        JAR,
                        *args,
                    ],
                },
            }
        ],
    )
    poke = 60
    done = EmrStepSensor(
        task_id=f"{task_id}_done",
        job_flow_id=cluster,
        step_id="{{ task_instance.xcom_pull(task_ids='" + task_id + "')[0] }}",
        deferrable=True,
        poke_interval=poke,
        max_attempts=int(TASK_TIMEOUT.total_seconds() // poke),
    )
    add >> done
    return add, done


def emr_serverless_task(task_id, args):
    from airflow.providers.amazon.aws.operators.emr import EmrServerlessStartJobOperator

    delay = 60
    task = EmrServerlessStartJobOperator(
        task_id=task_id,
        application_id=os.environ.get("COSTLAKE_EMR_SERVERLESS_APP_ID", "00XXXXXXXXXXXXXX"),
        execution_role_arn=os.environ.get(
            "COSTLAKE_EMR_SERVERLESS_ROLE_ARN", "arn:aws:iam::123456789012:role/costlake-emr"
        ),
        job_driver={
            "sparkSubmit": {
                "entryPoint": JAR,
                "entryPointArguments": args,
                "sparkSubmitParameters": f"--class {MAIN_CLASS}",
            }
        },
        name=f"costlake-{task_id}",
        wait_for_completion=True,
        deferrable=True,
        waiter_delay=delay,
        waiter_max_attempts=int(TASK_TIMEOUT.total_seconds() // delay),
    )
    return task, task


def _dataproc_location():
    return {
        "project_id": os.environ.get("COSTLAKE_DATAPROC_PROJECT", "my-project"),
        "region": os.environ.get("COSTLAKE_DATAPROC_REGION", "europe-west1"),
    }


def dataproc_task(task_id, args):
    from airflow.providers.google.cloud.operators.dataproc import DataprocSubmitJobOperator

    task = DataprocSubmitJobOperator(
        task_id=task_id,
        **_dataproc_location(),
        job={
            "placement": {"cluster_name": os.environ.get("COSTLAKE_DATAPROC_CLUSTER", "costlake")},
            "spark_job": {"main_class": MAIN_CLASS, "jar_file_uris": [JAR], "args": args},
        },
        deferrable=True,
        polling_interval_seconds=30,
    )
    return task, task


def dataproc_batch_task(task_id, args):
    from airflow.providers.google.cloud.operators.dataproc import DataprocCreateBatchOperator

    task = DataprocCreateBatchOperator(
        task_id=task_id,
        **_dataproc_location(),
        batch={
            "spark_batch": {"main_class": MAIN_CLASS, "jar_file_uris": [JAR], "args": args},
            # Serverless runtime 1.2 is Spark 3.5 on Scala 2.12, which the jar is built for.
            "runtime_config": {"version": "1.2"},
            "labels": {"app": "costlake", "job": task_id.replace("_", "-")},
        },
        batch_id=f"costlake-{task_id.replace('_', '-')}-{RUN_SUFFIX}",
        deferrable=True,
        polling_interval_seconds=30,
    )
    return task, task


TASKS = {
    "spark_submit": spark_submit_task,
    "emr": emr_task,
    "emr_serverless": emr_serverless_task,
    "dataproc": dataproc_task,
    "dataproc_batch": dataproc_batch_task,
}


def chain(make, ingests, downstream):
    """The ingest tasks side by side, then each downstream task after all before it."""
    previous_ends = [end for _, end in (make(task_id, args) for task_id, args in ingests)]
    for task_id, args in downstream:
        start, end = make(task_id, args)
        for upstream in previous_ends:
            upstream >> start
        previous_ends = [end]


with DAG(
    dag_id="costlake",
    description="Cloud billing exports to FOCUS Delta tables, then amortize, allocate, charge back",
    doc_md=__doc__,
    schedule="@daily",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,  # one period's writers at a time: slices are replaced, never merged
    default_args=DEFAULT_ARGS,
    tags=["costlake", "finops"],
) as dag:
    chain(TASKS[RUNNER], INGEST, DOWNSTREAM)

if CATCHUP_SCHEDULE != "off":
    with DAG(
        dag_id="costlake_catchup",
        description="Late files of earlier periods: re-ingest changed slices, recompute their periods",
        doc_md=__doc__,
        schedule=CATCHUP_SCHEDULE,
        start_date=datetime(2025, 1, 1),
        catchup=False,
        max_active_runs=1,
        default_args=DEFAULT_ARGS,
        tags=["costlake", "finops"],
    ) as catchup_dag:
        chain(TASKS[RUNNER], CATCHUP_INGEST, CATCHUP_DOWNSTREAM)

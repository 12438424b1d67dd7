"""costlake on Airflow: the billing pipeline, one billing period per run.

The DAG runs daily. Each run works on the billing period of its logical date, so today's run
refreshes this month and a backfill of a past date re-runs only that date's period: every task
passes --period explicitly. Ingest runs per provider in parallel, then validate, amortize,
allocate, chargeback, reconcile, anomalies and report run in order. Every costlake job replaces
its slices atomically, so a retried task converges to the same tables.

A second DAG, costlake_catchup, picks up what the daily runs cannot see: files that arrive late for
an earlier period (AWS restates last month's CUR into the next, Azure and GCP add late usage). It
ingests every period without --period, which leaves slices whose files did not change as they are
and re-ingests exactly those that did, then runs `pipeline` without --period, which recomputes
exactly the periods those slices belong to, or says that nothing is stale. It reads every export
the sources hold, so it runs weekly by default; set COSTLAKE_CATCHUP_SCHEDULE to a cron expression
to change that, or to "off" to leave the DAG out.

Choose how tasks run with COSTLAKE_RUNNER (read from the scheduler's environment, so parsing the
file needs no database):
  spark_submit  SparkSubmitOperator through the "spark_default" connection (YARN, Kubernetes,
                standalone)
  emr           EmrAddStepsOperator + EmrStepSensor on a running EMR 7 cluster (COSTLAKE_EMR_CLUSTER_ID)
  dataproc      DataprocSubmitJobOperator on a Dataproc 2.2 cluster (COSTLAKE_DATAPROC_*)

The jar is jobs/target/costlake-jobs-<version>.jar (shaded: costlake and Delta; Spark, Hadoop and
Jackson come from the cluster). Credentials come from the cluster's instance profile or service
account, never from this file.
"""
import os
from datetime import datetime, timedelta

from airflow import DAG

RUNNER = os.environ.get("COSTLAKE_RUNNER", "spark_submit")
JAR = os.environ.get("COSTLAKE_JAR", "s3://my-bucket/costlake/costlake-jobs-0.1.0-SNAPSHOT.jar")
CONF_URI = os.environ.get("COSTLAKE_CONF_URI", "s3://my-bucket/costlake/costlake.yaml")
WAREHOUSE = os.environ.get("COSTLAKE_WAREHOUSE", "s3a://my-bucket/costlake/warehouse")
SOURCES = {
    "aws": os.environ.get("COSTLAKE_AWS_SOURCE", "s3a://my-cur-bucket/cur/costlake-cur/"),
    "gcp": os.environ.get("COSTLAKE_GCP_SOURCE", "gs://my-billing-bucket/gcp-billing-export/"),
    "azure": os.environ.get("COSTLAKE_AZURE_SOURCE", "abfss://exports@myaccount.dfs.core.windows.net/costlake/"),
}
MAIN_CLASS = "io.costlake.jobs.Main"
# The billing period of the run's logical date: a backfill of 2025-03-14 re-runs 2025-03 only.
PERIOD = "{{ data_interval_start.strftime('%Y-%m') }}"
# spark-submit --files puts the config beside the driver, where --conf finds it by name.
CONF_NAME = os.path.basename(CONF_URI)


# Sunday 04:00: away from the daily run's midnight start, as both may write the same slice.
CATCHUP_SCHEDULE = os.environ.get("COSTLAKE_CATCHUP_SCHEDULE", "0 4 * * 0")


def costlake(job, *options, period=PERIOD):
    """The costlake command line of one task: the job, its options, and the shared ones.
    period=None leaves --period out: ingest reads every period, pipeline computes the stale ones."""
    scope = ["--period", period] if period else []
    return [job, *options, *scope, "--warehouse", WAREHOUSE, "--conf", CONF_NAME]


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
DOWNSTREAM = [
    (job, costlake(job))
    for job in ["validate", "amortize", "allocate", "chargeback", "reconcile", "anomalies", "report"]
]
CATCHUP_INGEST = ingest_tasks(period=None)
CATCHUP_PIPELINE = ("pipeline", costlake("pipeline", period=None))


def spark_submit_task(task_id, args):
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    task = SparkSubmitOperator(
        task_id=task_id,
        conn_id="spark_default",
        application=JAR,
        java_class=MAIN_CLASS,
        files=CONF_URI,
        application_args=args,
        conf={"spark.sql.adaptive.enabled": "true"},
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
                        "--files",
                        CONF_URI,
                        JAR,
                        *args,
                    ],
                },
            }
        ],
    )
    done = EmrStepSensor(
        task_id=f"{task_id}_done",
        job_flow_id=cluster,
        step_id="{{ task_instance.xcom_pull(task_ids='" + task_id + "')[0] }}",
    )
    add >> done
    return add, done


def dataproc_task(task_id, args):
    from airflow.providers.google.cloud.operators.dataproc import DataprocSubmitJobOperator

    task = DataprocSubmitJobOperator(
        task_id=task_id,
        project_id=os.environ.get("COSTLAKE_DATAPROC_PROJECT", "my-project"),
        region=os.environ.get("COSTLAKE_DATAPROC_REGION", "europe-west1"),
        job={
            "placement": {"cluster_name": os.environ.get("COSTLAKE_DATAPROC_CLUSTER", "costlake")},
            "spark_job": {
                "main_class": MAIN_CLASS,
                "jar_file_uris": [JAR],
                "file_uris": [CONF_URI],
                "args": args,
            },
        },
    )
    return task, task


TASKS = {"spark_submit": spark_submit_task, "emr": emr_task, "dataproc": dataproc_task}
if RUNNER not in TASKS:
    raise ValueError(f"COSTLAKE_RUNNER must be one of {sorted(TASKS)}, not {RUNNER!r}")


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
    schedule="@daily",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,  # one period's writers at a time: slices are replaced, never merged
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["costlake", "finops"],
) as dag:
    chain(TASKS[RUNNER], INGEST, DOWNSTREAM)

if CATCHUP_SCHEDULE != "off":
    with DAG(
        dag_id="costlake_catchup",
        description="Late files of earlier periods: re-ingest changed slices, recompute their periods",
        schedule=CATCHUP_SCHEDULE,
        start_date=datetime(2025, 1, 1),
        catchup=False,
        max_active_runs=1,
        default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
        tags=["costlake", "finops"],
    ) as catchup_dag:
        chain(TASKS[RUNNER], CATCHUP_INGEST, [CATCHUP_PIPELINE])

"""Loads a DAG file against the stub airflow package and prints its tasks as JSON lines:
its DAG and schedule, task id, operator, the main class and costlake arguments it would run, and its upstream tasks."""
import json
import runpy
import sys

import airflow

runpy.run_path(sys.argv[1])
for task in airflow.TASKS:
    kind = type(task).__name__
    main_class, args = None, None
    if kind == "SparkSubmitOperator":
        main_class, args = task.kwargs["java_class"], task.kwargs["application_args"]
    elif kind == "EmrAddStepsOperator":
        submit = task.kwargs["steps"][0]["HadoopJarStep"]["Args"]
        main_class = submit[submit.index("--class") + 1]
        jar = next(i for i, a in enumerate(submit) if a.endswith(".jar"))
        args = submit[jar + 1:]
    elif kind == "DataprocSubmitJobOperator":
        spark_job = task.kwargs["job"]["spark_job"]
        main_class, args = spark_job["main_class"], spark_job["args"]
    print(json.dumps({"dag_id": task.dag.dag_id, "schedule": task.dag.kwargs.get("schedule"),
                      "task_id": task.task_id, "operator": kind, "main_class": main_class,
                      "args": args, "upstream": task.upstream}))

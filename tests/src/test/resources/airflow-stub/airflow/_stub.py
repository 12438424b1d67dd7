"""A stand-in for Airflow, enough to load a DAG file and record what its tasks would run.

Airflow itself is a large install with a database, and PyPI is out of reach of this build, so
ITAirflowDag loads airflow/costlake_dag.py against this package instead. It is strict where the DAG
could go wrong: DAG(...) and every operator accept exactly the keyword arguments the real classes
accept (../signatures.json, copied from Airflow's and the providers' source, with the versions
named), for Airflow 2 and 3 alike; default_args are checked like arguments; the task graph is kept.
"""
import json
import os

MAJOR = int(os.environ.get("AIRFLOW_STUB_MAJOR", "3"))
with open(os.path.join(os.path.dirname(__file__), "..", "signatures.json")) as f:
    SIGNATURES = json.load(f)

TASKS = []
DAGS = []
_CURRENT_DAG = []


def accepted(name):
    """Every keyword argument the class `name` takes, through its bases."""
    spec = SIGNATURES[name]
    if "airflow2" in spec:
        # Meant for both: an argument must exist in the Airflow 2 and the Airflow 3 class.
        return set(spec["airflow2"]["args"]) & set(spec["airflow3"]["args"])
    own = set(spec["args"])
    return own | accepted(spec["base"]) if "base" in spec else own


def check(name, kwargs, what):
    unknown = sorted(set(kwargs) - accepted(name))
    if unknown:
        raise TypeError(f"Invalid arguments were passed to {name} ({what}): {unknown}")


class DAG:
    def __init__(self, dag_id=None, **kwargs):
        check("DAG", dict(kwargs, dag_id=dag_id), f"dag_id: {dag_id}")
        if "schedule_interval" in kwargs:
            raise TypeError("Airflow 3 has no schedule_interval: use schedule")
        self.dag_id = dag_id
        self.kwargs = kwargs
        DAGS.append(self)

    def __enter__(self):
        _CURRENT_DAG.append(self)
        return self

    def __exit__(self, *exc):
        _CURRENT_DAG.pop()
        return False


class BaseOperator:
    """Records its keyword arguments and edges; refuses arguments its real class does not take."""

    def __init__(self, task_id, **kwargs):
        self.dag = _CURRENT_DAG[-1] if _CURRENT_DAG else None
        defaults = dict(self.dag.kwargs.get("default_args") or {}) if self.dag else {}
        name = type(self).__name__
        check(name, dict(kwargs, task_id=task_id), f"task_id: {task_id}")
        check(name, defaults, f"default_args of task {task_id}")
        self.task_id = task_id
        self.kwargs = kwargs
        self.defaults = defaults
        self.upstream = []
        TASKS.append(self)

    @classmethod
    def template_fields(cls):
        return SIGNATURES[cls.__name__].get("template_fields", [])

    def __rshift__(self, other):
        for task in other if isinstance(other, list) else [other]:
            task.upstream.append(self.task_id)
        return other

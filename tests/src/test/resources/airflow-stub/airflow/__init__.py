"""A stand-in for Airflow, just enough to load a DAG file and record what its tasks would run.

ITAirflowDag loads airflow/costlake_dag.py with this package on PYTHONPATH (Airflow itself is a
large install with a database); operators keep their keyword arguments and their edges.
"""

TASKS = []
_CURRENT_DAG = []


class BaseOperator:
    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        self.upstream = []
        self.dag = _CURRENT_DAG[-1] if _CURRENT_DAG else None
        TASKS.append(self)

    def __rshift__(self, other):
        for task in other if isinstance(other, list) else [other]:
            task.upstream.append(self.task_id)
        return other


class DAG:
    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs

    def __enter__(self):
        _CURRENT_DAG.append(self)
        return self

    def __exit__(self, *exc):
        _CURRENT_DAG.pop()
        return False

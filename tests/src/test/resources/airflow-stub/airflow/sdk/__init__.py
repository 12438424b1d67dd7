"""Airflow 3's task SDK; absent from Airflow 2."""
from airflow import _stub

if _stub.MAJOR < 3:
    raise ImportError("No module named 'airflow.sdk' (Airflow 2)")

DAG = _stub.DAG
BaseOperator = _stub.BaseOperator

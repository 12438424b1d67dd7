"""The stub's airflow package (see _stub.py). Airflow 2 exports DAG here; the stub in Airflow 3
mode does not, so a DAG file must import it from airflow.sdk there."""
from airflow import _stub

if _stub.MAJOR == 2:
    DAG = _stub.DAG

from airflow import BaseOperator


class DataprocSubmitJobOperator(BaseOperator):
    pass

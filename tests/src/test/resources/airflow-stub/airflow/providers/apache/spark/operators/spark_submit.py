from airflow import BaseOperator


class SparkSubmitOperator(BaseOperator):
    pass

from airflow._stub import BaseOperator


class SparkSubmitOperator(BaseOperator):
    pass

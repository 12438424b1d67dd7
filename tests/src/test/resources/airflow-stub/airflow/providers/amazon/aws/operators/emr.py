from airflow import BaseOperator


class EmrAddStepsOperator(BaseOperator):
    pass

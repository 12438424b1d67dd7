from airflow._stub import BaseOperator


class EmrAddStepsOperator(BaseOperator):
    pass


class EmrServerlessStartJobOperator(BaseOperator):
    pass

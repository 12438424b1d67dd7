from airflow import BaseOperator


class EmrStepSensor(BaseOperator):
    pass

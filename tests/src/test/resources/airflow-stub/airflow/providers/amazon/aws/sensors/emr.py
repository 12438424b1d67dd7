from airflow._stub import BaseOperator


class EmrStepSensor(BaseOperator):
    pass

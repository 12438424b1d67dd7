from airflow._stub import BaseOperator


class DataprocSubmitJobOperator(BaseOperator):
    pass


class DataprocCreateBatchOperator(BaseOperator):
    pass

package io.costlake.provider.aws;

import io.costlake.ingest.Discovery;
import io.costlake.ingest.ExportFile;
import io.costlake.provider.Provider;
import io.costlake.provider.ProviderAdapter;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * AWS Cost and Usage Reports: CUR 1.0 (CSV, Athena-style Parquet) and CUR 2.0 / Data Exports.
 * Discovery {@link CurDiscovery}, reading {@link CurReader}, mapping {@link AwsCurMapping}.
 */
public final class AwsCurAdapter implements ProviderAdapter {
  private final AwsCurMapping mapping = AwsCurMapping.standard();

  @Override
  public Provider provider() {
    return Provider.AWS;
  }

  @Override
  public Discovery discover(Configuration conf, List<String> sources, Optional<String> period) {
    return new CurDiscovery(conf).discover(sources, period);
  }

  @Override
  public Dataset<Row> read(SparkSession spark, List<ExportFile> files) {
    return CurReader.read(spark, files);
  }

  @Override
  public Dataset<Row> map(Dataset<Row> rawRows) {
    return mapping.apply(rawRows);
  }

  @Override
  public Dataset<Row> derive(Dataset<Row> rawRows) {
    return AwsCurMapping.unusedCommitments(mapping.apply(AwsCurMapping.commitmentFees(rawRows)));
  }

  @Override
  public String costColumn() {
    return CurField.LINE_ITEM_UNBLENDED_COST.curName() + " (NetUnblendedCost when present)";
  }
}

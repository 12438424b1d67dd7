package io.costlake.ingest;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.costlake.model.ColumnType;
import io.costlake.spark.RowScope;
import io.costlake.testing.TestSpark;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IngestFramesTest {
  @Test
  void slicePredicateNamesEverySliceOnce() {
    String predicate =
        SliceKey.scope(
                List.of(
                    new SliceKey("aws", "111", "2024-01"), new SliceKey("aws", "222", "2024-02")))
            .sql();
    assertEquals(
        "(x_Provider = 'aws' AND ((x_BillingPeriod = '2024-01' AND BillingAccountId = '111')"
            + " OR (x_BillingPeriod = '2024-02' AND BillingAccountId = '222')))",
        predicate);
  }

  @Test
  void quotesAreEscaped() {
    assertEquals("'it\\'s'", RowScope.quote("it's"));
    assertEquals("'a\\\\b'", RowScope.quote("a\\b"));
  }

  @Test
  void quarantinePredicateCoversFilesAndRewrittenSlices() {
    assertEquals(
        "provider = 'aws' AND (source_file IN ('file:/a') OR (billing_period = '2024-01' AND billing_account_id = '1'))",
        IngestFrames.quarantineScope(
                "aws", List.of("file:/a"), List.of(new SliceKey("aws", "1", "2024-01")))
            .sql());
  }

  @Test
  void roundingIsWhatTheTablesScaleAddedAndNothingBeyondTheExactRange() {
    StructType schema =
        new StructType()
            .add(MappedFrame.COST_IN, ColumnType.MONEY.sparkType())
            .add(MappedFrame.COST_EXACT, MappedFrame.EXACT);
    Dataset<Row> rows =
        TestSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create(new BigDecimal("0E-10"), new BigDecimal("4E-11")),
                    RowFactory.create(new BigDecimal("1E-10"), new BigDecimal("5E-11")),
                    RowFactory.create(new BigDecimal("-1E-10"), new BigDecimal("-5E-11")),
                    RowFactory.create(new BigDecimal("2.5"), new BigDecimal("2.5")),
                    // beyond DECIMAL(37,24): the exact amount is null, nothing is claimed
                    RowFactory.create(new BigDecimal("1E+20"), null),
                    RowFactory.create(null, null)),
                schema);
    List<Row> rounding = rows.select(MappedFrame.rounding().as("r")).collectAsList();
    String[] expected = {"-4E-11", "5E-11", "-5E-11", "0", "0", "0"};
    assertEquals(
        DataTypes.createDecimalType(37, 24),
        rows.select(MappedFrame.rounding()).schema().fields()[0].dataType());
    for (int i = 0; i < expected.length; i++) {
      assertMoney(expected[i], rounding.get(i).getDecimal(0));
    }
  }
}

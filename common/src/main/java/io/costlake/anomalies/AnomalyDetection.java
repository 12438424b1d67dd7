package io.costlake.anomalies;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.costlake.config.AnomalyConfig;
import io.costlake.model.AnomalyColumn;
import io.costlake.model.ColumnType;
import io.costlake.model.Schemas;
import io.costlake.spark.Decimals;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Finds the days a cost series left its baseline: daily series per (account, service, charge
 * category) from cost lines and per owner from allocated cost, a {@link RobustBaseline} per day, a
 * robust z-score, and a minimum impact so small series page nobody. A spike that a restatement,
 * credit, commitment true-up or adjustment accounts for (at least half of its impact) carries that
 * label instead of {@code anomaly}. Each reported day names its likely driver: the resource (else
 * SKU, else service) whose cost moved most against its own average day.
 */
public final class AnomalyDetection {
  /** 1.4826 x MAD estimates a standard deviation for normally distributed data. */
  private static final BigDecimal MAD_TO_SIGMA = new BigDecimal("1.4826");

  private static final BigDecimal MAX_SCORE = new BigDecimal("99999999999999");
  private final AnomalyConfig config;

  public AnomalyDetection(AnomalyConfig config) {
    this.config = config;
  }

  /**
   * @param lines cost_line_items rows (service series)
   * @param allocated cost_allocated rows (owner series), or null
   * @param periods the billing periods to report (history comes from all rows given); empty: all
   */
  public Dataset<Row> detect(
      Dataset<Row> lines, Dataset<Row> allocated, List<String> periods, Timestamp now) {
    Dataset<Row> lineRows = DailySeries.lines(lines, DailySeries.SERVICE, config.cost());
    if (allocated != null) {
      lineRows =
          lineRows.unionByName(DailySeries.lines(allocated, DailySeries.OWNER, config.cost()));
    }
    Dataset<Row> scored =
        RobustBaseline.apply(
            DailySeries.daily(lineRows, config.historyDays()),
            config.historyDays(),
            config.minHistoryDays());
    if (!periods.isEmpty()) {
      scored = scored.filter(date_format(col(DailySeries.DAY), "yyyy-MM").isin(periods.toArray()));
    }
    Column impact = Decimals.narrow(col(DailySeries.VALUE)).minus(col(RobustBaseline.EXPECTED));
    Column scale =
        greatest(
            col(RobustBaseline.MAD).multiply(lit(MAD_TO_SIGMA)),
            abs(col(RobustBaseline.EXPECTED)).multiply(lit(new BigDecimal("0.01"))),
            lit(new BigDecimal("0.01")));
    Column score = col("impact").divide(scale);
    Dataset<Row> flagged =
        scored
            .withColumn("impact", impact)
            .withColumn(
                "score",
                greatest(least(score, lit(MAX_SCORE)), lit(MAX_SCORE.negate()))
                    .cast(ColumnType.SCORE.sparkType()))
            .filter(
                abs(col("score"))
                    .geq(lit(config.threshold()))
                    .and(abs(col("impact")).geq(lit(config.minImpact()))))
            .withColumn(AnomalyColumn.label.name(), label())
            // Few rows, and both the drivers and the output need them: computed once.
            .localCheckpoint();
    return Schemas.conform(withDrivers(flagged, lineRows), AnomalyColumn.values())
        .withColumn(AnomalyColumn.detected_at.name(), lit(now));
  }

  /**
   * The explanation whose part of the day, above its average day in the history, accounts for at
   * least half of the impact (in its direction); else anomaly.
   */
  private static Column label() {
    Column direction = signum(col("impact"));
    List<Column> explained = new ArrayList<>();
    for (String label : SpikeLabel.EXPLANATIONS) {
      Column average =
          col(RobustBaseline.HISTORY_PREFIX + label).divide(col(RobustBaseline.HISTORY_DAYS));
      explained.add(Decimals.narrow(col(label)).minus(average).multiply(direction));
    }
    Column half = abs(col("impact")).divide(lit(2));
    Column best = greatest(explained.toArray(new Column[0]));
    Column label = lit(SpikeLabel.ANOMALY);
    for (int i = SpikeLabel.EXPLANATIONS.size() - 1; i >= 0; i--) {
      label =
          when(
                  best.geq(half).and(explained.get(i).equalTo(best)),
                  lit(SpikeLabel.EXPLANATIONS.get(i)))
              .otherwise(label);
    }
    return label;
  }

  private Dataset<Row> withDrivers(Dataset<Row> flagged, Dataset<Row> lineRows) {
    Dataset<Row> days =
        flagged.select(
            col(DailySeries.SERIES).as("__series"),
            col(DailySeries.DAY).as("__day"),
            col(RobustBaseline.HISTORY_DAYS).as("__history_days"),
            signum(col("impact")).as("__direction"));
    Dataset<Row> byDriver =
        lineRows
            .groupBy(col(DailySeries.SERIES), col(DailySeries.DRIVER), col(DailySeries.DAY))
            .agg(sum(col(DailySeries.COST)).as("__cost"));
    Column inWindow =
        col(DailySeries.SERIES)
            .equalTo(col("__series"))
            .and(col(DailySeries.DAY).leq(col("__day")))
            .and(col(DailySeries.DAY).geq(date_sub(col("__day"), config.historyDays())));
    Column today =
        sum(when(col(DailySeries.DAY).equalTo(col("__day")), col("__cost")).otherwise(lit(0)));
    Column before =
        sum(when(col(DailySeries.DAY).lt(col("__day")), col("__cost")).otherwise(lit(0)));
    Dataset<Row> moves =
        byDriver
            .join(broadcast(days), inWindow)
            .groupBy(col("__series"), col("__day"), col(DailySeries.DRIVER))
            .agg(
                Decimals.narrow(today)
                    .minus(Decimals.narrow(before).divide(first(col("__history_days"))))
                    .as("__move"),
                first(col("__direction")).as("__direction"));
    Dataset<Row> top =
        moves
            .groupBy(col("__series"), col("__day"))
            .agg(
                max_by(
                        struct(
                            col(DailySeries.DRIVER).as("driver"),
                            Decimals.money(col("__move")).as("driver_impact")),
                        col("__move").multiply(col("__direction")))
                    .as("__top"));
    return flagged
        .join(
            top,
            col(DailySeries.SERIES)
                .equalTo(col("__series"))
                .and(col(DailySeries.DAY).equalTo(col("__day"))),
            "left")
        .withColumn(AnomalyColumn.driver.name(), col("__top.driver"))
        .withColumn(AnomalyColumn.driver_impact.name(), col("__top.driver_impact"))
        .withColumn(AnomalyColumn.actual.name(), col(DailySeries.VALUE))
        .withColumn(
            AnomalyColumn.direction.name(), when(col("impact").geq(0), "up").otherwise("down"))
        .withColumn(
            AnomalyColumn.x_BillingPeriod.name(), date_format(col(DailySeries.DAY), "yyyy-MM"));
  }
}

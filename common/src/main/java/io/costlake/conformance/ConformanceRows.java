package io.costlake.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costlake.model.ConformanceColumn;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/** {@code focus_conformance} rows for one validate run. */
public final class ConformanceRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConformanceRows() {}

  public static List<Row> of(
      List<ConformanceCheck.Result> results,
      String runId,
      Timestamp checkedAt,
      String focusVersion) {
    List<Row> rows = new ArrayList<>();
    for (ConformanceCheck.Result result : results) {
      Object[] v = new Object[ConformanceColumn.values().length];
      v[ConformanceColumn.run_id.ordinal()] = runId;
      v[ConformanceColumn.checked_at.ordinal()] = checkedAt;
      v[ConformanceColumn.focus_version.ordinal()] = focusVersion;
      v[ConformanceColumn.rule_id.ordinal()] = result.rule.id;
      v[ConformanceColumn.reference.ordinal()] = result.rule.reference;
      v[ConformanceColumn.rule_function.ordinal()] = result.rule.function;
      v[ConformanceColumn.keyword.ordinal()] = result.rule.keyword;
      v[ConformanceColumn.status.ordinal()] = result.status.name();
      v[ConformanceColumn.failing_rows.ordinal()] = result.failingRows;
      v[ConformanceColumn.checked_rows.ordinal()] = result.checkedRows;
      v[ConformanceColumn.failing_by_provider.ordinal()] =
          result.failingByProvider.isEmpty() ? null : json(result);
      v[ConformanceColumn.example.ordinal()] = result.example;
      v[ConformanceColumn.applicability.ordinal()] =
          JavaConverters.asScalaBuffer(result.rule.criteria).toSeq();
      v[ConformanceColumn.requirement.ordinal()] = result.rule.mustSatisfy;
      v[ConformanceColumn.model_correction.ordinal()] = result.rule.correction;
      rows.add(RowFactory.create(v));
    }
    return rows;
  }

  private static String json(ConformanceCheck.Result result) {
    try {
      return JSON.writeValueAsString(result.failingByProvider);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

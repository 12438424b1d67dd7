package io.costlake.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costlake.chargeback.FxRates;
import io.costlake.config.BillingProfileConfig;
import io.costlake.config.ChargebackConfig;
import io.costlake.errors.CostlakeErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What chargeback prices with besides cost: the billing profiles (YAML and a Delta table of profile
 * versions, for organizations with many tenants) and the FX rates (CSV and a Delta table). A table
 * row is read exactly as a YAML profile would be, so the same checks name the bad row.
 */
public final class ChargebackInputs {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ChargebackInputs() {}

  /** The chargeback settings with the profile versions of chargeback.profilesTable added. */
  public static ChargebackConfig config(JobContext context) {
    ChargebackConfig config = context.config().chargeback();
    if (config.profilesTable() == null) {
      return config;
    }
    String table = config.profilesTable();
    List<String> rows = read(context, table).toJSON().collectAsList();
    List<BillingProfileConfig> versions = new ArrayList<>();
    for (String row : rows) {
      versions.add(profile(row, table));
    }
    try {
      return config.withProfiles(versions);
    } catch (IllegalArgumentException e) {
      throw CostlakeErrors.invalidConfigValue("table " + table, "profiles", e.getMessage());
    }
  }

  public static BillingProfileConfig profile(String json, String table) {
    try {
      return JSON.readValue(json, BillingProfileConfig.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String reason =
          cause == e ? e.getOriginalMessage().split("\n")[0] : String.valueOf(cause.getMessage());
      throw CostlakeErrors.invalidTableRow(table, "row " + json, reason);
    }
  }

  public static FxRates fxRates(JobContext context, ChargebackConfig config) {
    FxRates rates =
        config.fxRatesFile() == null
            ? new FxRates(List.of())
            : FxRates.parse(context.readLines(config.fxRatesFile()), config.fxRatesFile());
    String table = config.fxRatesTable();
    if (table == null) {
      return rates;
    }
    Dataset<Row> raw = read(context, table);
    List<String> missing = new ArrayList<>(List.of("date", "from", "to", "rate"));
    missing.removeAll(Arrays.asList(raw.columns()));
    if (!missing.isEmpty()) {
      throw CostlakeErrors.invalidTableRow(
          table, "", "lacks the column(s) " + missing + " (it has " + List.of(raw.columns()) + ")");
    }
    List<String[]> rows = new ArrayList<>();
    // Rate tables are small (pairs x days); dates may be DATE or text, rates DECIMAL or text.
    for (Row r :
        raw.selectExpr(
                "CAST(`date` AS STRING)",
                "CAST(`from` AS STRING)",
                "CAST(`to` AS STRING)",
                "CAST(`rate` AS STRING)")
            .collectAsList()) {
      rows.add(new String[] {r.getString(0), r.getString(1), r.getString(2), r.getString(3)});
    }
    return rates.with(FxRates.fromTable(rows, table), "table " + table);
  }

  private static Dataset<Row> read(JobContext context, String table) {
    try {
      return context.readDeltaTable(table);
    } catch (Exception e) { // Spark's AnalysisException (path not found) is a checked exception
      throw CostlakeErrors.cannotRead(
          "table " + table, String.valueOf(e.getMessage()).split("\n")[0]);
    }
  }
}

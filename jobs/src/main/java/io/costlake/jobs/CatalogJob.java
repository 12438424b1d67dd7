package io.costlake.jobs;

import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.BillingPeriod;
import io.costlake.model.Table;
import io.costlake.spark.Warehouse;
import io.costlake.spark.WarehouseCatalog;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code costlake catalog}: registers every costlake table of the warehouse in the session catalog
 * (the Hive metastore, Glue or Dataproc Metastore of the cluster) so analysts query them by name,
 * and with {@code --optimize} compacts them (Z-ordering cost_line_items).
 */
public final class CatalogJob implements Job {
  static final String DEFAULT_DATABASE = "costlake";
  private static final JobSpec SPEC =
      new JobSpec(
          "catalog",
          "Register every table in the cluster's catalog (Hive metastore, Glue, Dataproc"
              + " Metastore); optionally OPTIMIZE them",
          "Tables are external Delta tables at their warehouse location: the schema and column\n"
              + "comments come from the Delta log, dropping an entry never deletes data, and an\n"
              + "entry already pointing at the warehouse is left as it is (grants kept). With\n"
              + "--optimize, small files are compacted in one commit per table, cost_line_items\n"
              + "Z-ordered by ServiceName and SubAccountId; content and time travel are unchanged.\n"
              + "The metastore is the session's (spark.sql.catalogImplementation=hive, as EMR and\n"
              + "Dataproc configure it); without one, the names last as long as the process.",
          List.of(
              OptionSpec.value("--database", "NAME", "Database to register the tables in")
                  .withDefault(DEFAULT_DATABASE),
              OptionSpec.flag("--optimize", "Also compact every table (OPTIMIZE, Z-ORDER)"),
              OptionSpec.value(
                  "--period", "yyyy-MM", "Optimize only this period's partitions (default: all)")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    String database = args.value("--database").orElse(DEFAULT_DATABASE);
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw CostlakeErrors.invalidOptionValue(
          "catalog", "--database", database, "letters, digits and _");
    }
    Warehouse warehouse = context.warehouse();
    if (!warehouse.exists(Table.COST_LINE_ITEMS)) {
      throw CostlakeErrors.nothingToRegister(
          "there is no cost_line_items table under "
              + warehouse.root()
              + " (run costlake ingest first)");
    }
    context
        .spark()
        .sql(
            "CREATE DATABASE IF NOT EXISTS `"
                + database
                + "` COMMENT 'costlake cost tables (FOCUS 1.2)'");
    Optional<BillingPeriod> period = args.period("--period");
    context.out().printf("catalog: database %s, warehouse %s%n", database, warehouse.root());
    String catalog = context.spark().conf().get("spark.sql.catalogImplementation", "in-memory");
    if (!catalog.equals("hive")) {
      context
          .out()
          .println(
              "catalog: the session has no metastore (spark.sql.catalogImplementation="
                  + catalog
                  + "): these names last as long as this application. On a cluster, set it to"
                  + " hive (EMR with Glue, Dataproc Metastore: see the README).");
    }
    for (Table table : Table.values()) {
      if (!warehouse.exists(table)) {
        continue;
      }
      WarehouseCatalog.Registration registration = warehouse.catalog().register(table, database);
      String optimized = "";
      if (args.has("--optimize")) {
        long[] files = warehouse.maintenance().optimize(table, period);
        optimized =
            String.format(
                Locale.ROOT,
                ", optimized: %d files compacted into %d (version %d)",
                files[0],
                files[1],
                warehouse.version(table));
      }
      context
          .out()
          .printf(
              "  %s.%-24s %s%s%n",
              database, table.tableName(), registration.name().toLowerCase(Locale.ROOT), optimized);
    }
    return null;
  }
}

package io.costlake.tasks;

import io.costlake.model.BillingPeriod;
import io.costlake.model.Table;
import io.costlake.report.Csv;
import io.costlake.report.html.ReportPage;
import io.costlake.report.html.ReportSections;
import io.costlake.report.html.Section;
import io.costlake.spark.Warehouse;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The static HTML report ({@code --html} of {@code report} and {@code pipeline}, and {@code
 * demo}'s): every section from the tables as they now are, and its CSV files; its summary names the
 * page.
 */
public final class HtmlReport implements Task<Written> {
  private final Optional<BillingPeriod> onlyPeriod;
  private final String dir;

  public HtmlReport(Optional<BillingPeriod> onlyPeriod, String dir) {
    this.onlyPeriod = onlyPeriod;
    this.dir = dir;
  }

  @Override
  public String name() {
    return "report";
  }

  /** Writes every section from the tables as they now are and its CSV files; says where. */
  @Override
  public Written execute(JobContext context) {
    return Said.collect(context, this::run, Written::withSummary);
  }

  private Written run(JobContext context) {
    Warehouse warehouse = context.warehouse();
    // Every table as a view, empty where a job has not run yet: its section then says so. The
    // views live in a session of their own, so they hide no table from other jobs of this JVM.
    SparkSession session = context.spark().newSession();
    for (Table table : Table.values()) {
      warehouse.read(table, session).createOrReplaceTempView(table.tableName());
    }
    ReportSections sections = new ReportSections(session, onlyPeriod);
    List<Section> all = sections.all();
    String root = JobContext.uri(dir);
    for (Section section : all) {
      TextFiles.write(
          context, root + "/" + section.csvFile(), Csv.of(section.headers(), section.rows()));
    }
    String subtitle =
        onlyPeriod.map(p -> "Billing period " + p).orElse("Every billing period")
            + " from "
            + warehouse.root()
            + ", generated "
            + context.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + ". "
            + sections.scope();
    TextFiles.write(
        context, root + "/index.html", ReportPage.render("costlake cost report", subtitle, all));
    context.out().printf("report: wrote %s/index.html and %d CSV files%n", root, all.size());
    return Written.nothing();
  }
}

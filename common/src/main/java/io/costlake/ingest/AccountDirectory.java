package io.costlake.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import io.costlake.errors.CostlakeErrors;
import io.costlake.io.CsvLines;
import io.costlake.model.FocusColumn;
import io.costlake.spark.Literals;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Account names from the account directory ({@code ingest.accountsFile}), for exports that carry
 * none: CUR 1.0 has no account names at all, GCP's export no billing account name. A CSV with a
 * header naming {@code account_id} and {@code name}, and optionally {@code provider} (a row for one
 * provider only; empty for any) and other columns (the owner chain reads {@code owner} from the
 * same file). A name the export gives is kept.
 */
public final class AccountDirectory {
  private static final AccountDirectory NONE = new AccountDirectory(Map.of());

  private final Map<String, String> names;

  private AccountDirectory(Map<String, String> names) {
    this.names = Map.copyOf(names);
  }

  public static AccountDirectory none() {
    return NONE;
  }

  /**
   * The names of {@code provider}'s accounts in the directory's {@code lines} (header first).
   *
   * @param file where the lines came from, for messages
   */
  public static AccountDirectory parse(List<String> lines, String file, String provider) {
    if (lines.isEmpty()) {
      throw CostlakeErrors.invalidInputFile(file, 1, "is empty; it needs a header account_id,name");
    }
    List<List<String>> records = CsvLines.cells(lines);
    List<String> header = records.get(0);
    int account = header.indexOf("account_id");
    int name = header.indexOf("name");
    int providerColumn = header.indexOf("provider");
    if (account < 0 || name < 0) {
      throw CostlakeErrors.invalidInputFile(
          file, 1, "needs a header with the columns account_id and name (got " + header + ")");
    }
    Map<String, String> names = new TreeMap<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> row = records.get(i);
      if (row.isEmpty()) {
        continue;
      }
      int line = i + 1;
      String id = cell(row, account);
      String accountName = cell(row, name);
      String only = cell(row, providerColumn).toLowerCase(Locale.ROOT);
      if (id.isEmpty()) {
        throw CostlakeErrors.invalidInputFile(file, line, "column account_id is empty");
      }
      if (accountName.isEmpty() || !(only.isEmpty() || only.equals(provider))) {
        continue;
      }
      String previous = names.put(id, accountName);
      if (previous != null && !previous.equals(accountName)) {
        throw CostlakeErrors.invalidInputFile(
            file,
            line,
            "column name: account "
                + id
                + " is named twice ('"
                + previous
                + "', '"
                + accountName
                + "')");
      }
    }
    return new AccountDirectory(names);
  }

  private static String cell(List<String> row, int index) {
    if (index < 0 || index >= row.size() || row.get(index) == null) {
      return "";
    }
    return row.get(index).trim();
  }

  /** The mapped rows with BillingAccountName and SubAccountName filled where they are null. */
  public Dataset<Row> fill(Dataset<Row> mapped) {
    if (names.isEmpty()) {
      return mapped;
    }
    org.apache.spark.sql.Column lookup = Literals.map(names);
    return mapped
        .withColumn(
            FocusColumn.BillingAccountName.name(),
            coalesce(
                col(FocusColumn.BillingAccountName.name()),
                element_at(lookup, col(FocusColumn.BillingAccountId.name()))))
        .withColumn(
            FocusColumn.SubAccountName.name(),
            coalesce(
                col(FocusColumn.SubAccountName.name()),
                element_at(lookup, col(FocusColumn.SubAccountId.name()))));
  }

  /**
   * What a slice's fingerprint must include so that a re-run after the directory changed rewrites
   * the provider's slices with the new names (a slice does not record which sub accounts it holds).
   * Empty without names, so tables written without a directory stay unchanged.
   */
  public String fingerprint() {
    if (names.isEmpty()) {
      return "";
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      names.forEach(
          (id, name) -> {
            digest.update(id.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
          });
      StringBuilder hex = new StringBuilder(" accounts ");
      for (byte b : digest.digest()) {
        hex.append(String.format(Locale.ROOT, "%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

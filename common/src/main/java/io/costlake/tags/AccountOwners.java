package io.costlake.tags;

import io.costlake.config.TagKeyConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.io.CsvLines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account-to-owner mapping of the owner chain, parsed from a CSV with a header line naming
 * {@code account_id} and {@code owner} (other columns, such as the account directory's name and
 * note, are ignored; an account with an empty owner is not mapped). Owners go through the owner
 * tag's normalization, so the mapping and the tags name owners alike.
 */
public final class AccountOwners {
  private AccountOwners() {}

  /**
   * @param lines the file's lines, header first
   * @param file where they came from, for messages
   * @param ownerKey the owner tag's policy, or null when the owner chain has no tag
   */
  public static Map<String, String> parse(List<String> lines, String file, TagKeyConfig ownerKey) {
    if (lines.isEmpty()) {
      throw CostlakeErrors.invalidInputFile(
          file, 1, "is empty; it needs a header account_id,owner");
    }
    List<List<String>> records = CsvLines.cells(lines);
    List<String> header = records.get(0);
    int account = header.indexOf("account_id");
    int owner = header.indexOf("owner");
    if (account < 0 || owner < 0) {
      throw CostlakeErrors.invalidInputFile(
          file, 1, "needs a header with the columns account_id and owner (got " + header + ")");
    }
    Map<String, String> owners = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> row = records.get(i);
      int line = i + 1;
      if (row.size() <= Math.max(account, owner)) {
        throw CostlakeErrors.invalidInputFile(file, line, "has fewer columns than the header");
      }
      String id = row.get(account);
      String raw = row.get(owner);
      if (raw == null || raw.isBlank()) {
        continue;
      }
      String name = ownerKey == null ? raw.trim() : ownerKey.canonicalValue(raw);
      if (id.isEmpty() || name == null || name.isEmpty()) {
        throw CostlakeErrors.invalidInputFile(
            file,
            line,
            "column owner: '" + raw + "' is not a valid owner for account '" + id + "'");
      }
      String previous = owners.put(id, name);
      if (previous != null && !previous.equals(name)) {
        throw CostlakeErrors.invalidInputFile(
            file, line, "column account_id: account " + id + " is mapped to two owners");
      }
    }
    return owners;
  }
}

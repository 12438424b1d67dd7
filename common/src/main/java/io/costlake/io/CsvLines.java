package io.costlake.io;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small CSV files people write by hand beside the config (account owners, exchange rates), one
 * record per line: RFC 4180 quoting, so a quoted cell may hold a comma or a doubled quote; cells
 * trimmed; an empty cell is "".
 */
public final class CsvLines {
  private CsvLines() {}

  /** The cells of each line, in order; a blank line has none. */
  public static List<List<String>> cells(List<String> lines) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setMaxCharsPerColumn(-1);
    settings.setLineSeparatorDetectionEnabled(false);
    CsvParser parser = new CsvParser(settings);
    List<List<String>> records = new ArrayList<>(lines.size());
    for (String line : lines) {
      records.add(line.isBlank() ? List.of() : Arrays.asList(parser.parseLine(line)));
    }
    return records;
  }
}

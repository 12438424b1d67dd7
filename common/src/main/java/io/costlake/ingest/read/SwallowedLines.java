package io.costlake.ingest.read;

/**
 * A quote left open in a CSV line makes the parser read on, through line breaks, until the next
 * quote: whole lines then sit inside one cell (or make the record too wide), and their cost would
 * be in no table. Such a record is quarantined with its raw lines, so nothing is lost unseen.
 */
final class SwallowedLines {
  static final String CODE = "SWALLOWED_LINES";

  /** Raw text kept in a quarantine reason, at most. */
  private static final int MAX_RAW = 65_536;

  private SwallowedLines() {}

  /**
   * The cell holding a line that looks like a record of this file, or -1: at least half as many
   * commas as the header has separators (rows may be narrower than their header, and no text
   * written by a person holds dozens of commas on one line). A cell whose line breaks only break
   * text is left alone.
   */
  static int cellHolding(String[] record, int headerWidth) {
    for (int i = 0; i < record.length; i++) {
      String cell = record[i];
      if (cell == null || cell.indexOf('\n') < 0) {
        continue;
      }
      for (String line : cell.split("\n", -1)) {
        if (headerWidth > 2 && commas(line) >= (headerWidth - 1) / 2) {
          return i;
        }
      }
    }
    return -1;
  }

  static String describe(String what, String lines, String raw) {
    String kept = raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "..." : raw;
    return what + " (" + lines + " of the file, one record; a quote left open?): " + kept;
  }

  private static int commas(String line) {
    int n = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == ',') {
        n++;
      }
    }
    return n;
  }
}

package io.costlake.report.html;

import java.util.List;

/** One part of the report: a chart (SVG, or null) with its table beside it, exported as CSV. */
public final class Section {
  final String id;
  final String title;
  final String note;
  final String chart;
  final List<String> headers;
  final List<List<Object>> rows;

  /**
   * @param id file-name-safe id: the anchor and the CSV file name
   * @param note one sentence on how to read it
   */
  public Section(
      String id,
      String title,
      String note,
      String chart,
      List<String> headers,
      List<List<Object>> rows) {
    if (!id.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("section id must be [a-z0-9_]+: " + id);
    }
    this.id = id;
    this.title = title;
    this.note = note;
    this.chart = chart;
    this.headers = List.copyOf(headers);
    this.rows = rows;
  }

  public String id() {
    return id;
  }

  public List<String> headers() {
    return headers;
  }

  public List<List<Object>> rows() {
    return rows;
  }

  public String csvFile() {
    return id + ".csv";
  }
}

package io.costlake.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a SQL file: split at each {@code ;} that is not inside a quoted string or
 * identifier ({@code '...'}, {@code "..."}, {@code `...`}) or a comment ({@code --} to the end of
 * the line, {@code /* ... *&#47;}). Comments stay with their statement; empty statements are
 * dropped.
 */
final class SqlScript {
  private SqlScript() {}

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      int end;
      if (c == '\'' || c == '"' || c == '`') {
        end = quoted(script, i, c);
      } else if (script.startsWith("--", i)) {
        int newline = script.indexOf('\n', i);
        end = newline < 0 ? script.length() : newline;
      } else if (script.startsWith("/*", i)) {
        int close = script.indexOf("*/", i + 2);
        end = close < 0 ? script.length() : close + 2;
      } else if (c == ';') {
        add(statements, current);
        current.setLength(0);
        i++;
        continue;
      } else {
        end = i + 1;
      }
      current.append(script, i, end);
      i = end;
    }
    add(statements, current);
    return statements;
  }

  /** The index after the quote opened at {@code start}; a doubled or escaped quote continues it. */
  private static int quoted(String script, int start, char quote) {
    int i = start + 1;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return script.length();
  }

  private static void add(List<String> statements, StringBuilder statement) {
    String text = statement.toString().strip();
    if (!withoutComments(text).isBlank()) {
      statements.add(text);
    }
  }

  private static String withoutComments(String text) {
    return text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\\n]*", "");
  }
}

package io.costlake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void statementsSplitAtSemicolonsOutsideQuotesAndComments() {
    String script =
        "-- spend per owner; in one currency\n"
            + "SELECT owner, ';' AS sep FROM usage_monthly WHERE owner <> 'it''s; fine';\n"
            + "/* a; block */ SELECT `a;b` FROM t;\n"
            + "SELECT \"x;y\"\n"
            + ";;  -- nothing here;\n";
    assertEquals(
        List.of(
            "-- spend per owner; in one currency\n"
                + "SELECT owner, ';' AS sep FROM usage_monthly WHERE owner <> 'it''s; fine'",
            "/* a; block */ SELECT `a;b` FROM t",
            "SELECT \"x;y\""),
        SqlScript.statements(script));
  }

  @Test
  void oneStatementWithoutASemicolonIsOneStatement() {
    assertEquals(List.of("SELECT 1"), SqlScript.statements("  SELECT 1  \n"));
    assertEquals(List.of(), SqlScript.statements("-- only a comment\n"));
  }
}

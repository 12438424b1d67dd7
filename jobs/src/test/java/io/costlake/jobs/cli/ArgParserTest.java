package io.costlake.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgParserTest {
  private static final JobSpec INGEST =
      new JobSpec(
          "ingest",
          "Ingest exports",
          "",
          List.of(
              OptionSpec.value("--provider", "NAME", "The provider").required(),
              OptionSpec.value("--source", "URI", "Where").repeatable(),
              OptionSpec.value("--period", "yyyy-MM", "One period"),
              OptionSpec.flag("--strict", "Fail on warnings")),
          null,
          null);

  private static final JobSpec SQL =
      new JobSpec("sql", "Run SQL", "", List.of(), "STATEMENT", "The statement");

  private static ParsedArgs parse(JobSpec spec, String... args) {
    return ArgParser.parse(spec, List.of(args));
  }

  private static String failure(JobSpec spec, String... args) {
    return assertThrows(CostlakeException.class, () -> parse(spec, args)).getMessage();
  }

  @Test
  void valuesFlagsAndRepeatsAreReadAsAShellUserWritesThem() {
    ParsedArgs args =
        parse(
            INGEST,
            "--provider=aws",
            "--source",
            "s3a://b/x",
            "--source",
            "@not-a-file",
            "--period",
            "2025-09",
            "--period",
            "2025-10",
            "--strict");
    assertEquals(Optional.of("aws"), args.value("--provider"));
    assertEquals(List.of("s3a://b/x", "@not-a-file"), args.values("--source"));
    assertEquals("2025-10", args.period("--period").get().toString(), "the last one wins");
    assertTrue(args.has("--strict"));
    assertFalse(args.has("--verbose"));
    assertEquals(List.of(), args.values("--set"));
  }

  @Test
  void aStatementMayFollowTheOptionsOrADoubleDash() {
    assertEquals(List.of("SELECT 1"), parse(SQL, "--verbose", "SELECT 1").positionals());
    assertEquals(List.of("--not-an-option"), parse(SQL, "--", "--not-an-option").positionals());
  }

  @Test
  void helpNeedsNoRequiredOption() {
    assertTrue(parse(INGEST, "--help").has("--help"));
  }

  @Test
  void mistakesFailInOneLineNamingThem() {
    assertEquals(
        "Unknown option --provder for 'ingest' (see: costlake ingest --help)",
        failure(INGEST, "--provder=aws"));
    assertEquals(
        "Option --period of 'ingest' needs a value",
        failure(INGEST, "--provider", "aws", "--period"));
    assertEquals("Cannot run 'ingest': option --provider is required", failure(INGEST, "--strict"));
    assertEquals(
        "Cannot run 'ingest': --strict must be given without a value (got 'yes')",
        failure(INGEST, "--provider", "aws", "--strict=yes"));
    assertTrue(
        failure(INGEST, "--provider", "aws", "stray").startsWith("Unexpected argument 'stray'"));
    assertTrue(failure(SQL, "SELECT 1", "SELECT 2").startsWith("Unexpected argument 'SELECT 2'"));
    assertEquals(
        "Cannot run 'ingest': --period must be a month as yyyy-MM (got '2025-13')",
        assertThrows(
                CostlakeException.class,
                () -> parse(INGEST, "--provider", "aws", "--period", "2025-13").period("--period"))
            .getMessage());
  }
}

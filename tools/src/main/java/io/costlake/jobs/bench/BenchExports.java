package io.costlake.jobs.bench;

import io.costlake.jobs.generate.AwsCurGenerator;
import io.costlake.jobs.generate.AzureCostGenerator;
import io.costlake.jobs.generate.GcpBillingGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The generated exports one bench size reads: N line items split as the demo splits them (AWS half,
 * GCP a quarter, Azure a quarter as actual plus amortized), one billing period. Generation is
 * deterministic, so a folder already made with the same options is reused (a marker file records
 * them): at 8M rows generating takes minutes.
 */
public final class BenchExports {
  static final YearMonth PERIOD = YearMonth.of(2025, 9);
  private static final long SEED = 1;
  private static final String MARKER = ".costlake-bench";

  private final Path aws;
  private final Path gcp;
  private final Path azure;
  private final String awsPayer;

  private BenchExports(Path aws, Path gcp, Path azure, String awsPayer) {
    this.aws = aws;
    this.gcp = gcp;
    this.azure = azure;
    this.awsPayer = awsPayer;
  }

  /** The exports of {@code size} line items under {@code root}, generated unless already there. */
  public static BenchExports ensure(Path root, long size) {
    Path folder = root.resolve(Sizes.label(size));
    String options = "v1 size=" + size + " seed=" + SEED + " period=" + PERIOD;
    Path marker = folder.resolve(MARKER);
    String payer;
    if (readMarker(marker).map(m -> m.startsWith(options + "\n")).orElse(false)) {
      payer = readMarker(marker).get().split("\n")[1];
    } else {
      deleteRecursively(folder);
      payer = generate(folder, size);
      write(marker, options + "\n" + payer + "\n");
    }
    return new BenchExports(
        folder.resolve("aws"), folder.resolve("gcp"), folder.resolve("azure"), payer);
  }

  private static String generate(Path folder, long size) {
    AwsCurGenerator.Result aws =
        new AwsCurGenerator(
                new AwsCurGenerator.Options(
                    Math.max(1, size / 2), SEED, PERIOD, 1, 5, 250_000, false))
            .generate(folder.resolve("aws"));
    new GcpBillingGenerator(
            new GcpBillingGenerator.Options(
                (int) Math.max(1, size / 4), SEED, PERIOD, 1, 4, GcpBillingGenerator.Format.JSONL))
        .generate(folder.resolve("gcp"), null);
    new AzureCostGenerator(
            new AzureCostGenerator.Options((int) Math.max(1, size / 8), SEED, PERIOD, 1))
        .generate(folder.resolve("azure"));
    return aws.payer();
  }

  /** An AWS CUR of {@code months} periods from {@code first}: the restated-month experiment's. */
  public static String awsHistory(
      Path folder, long rowsPerMonth, YearMonth first, int months, long seed) {
    deleteRecursively(folder);
    return new AwsCurGenerator(
            new AwsCurGenerator.Options(
                rowsPerMonth * months, seed, first, months, 5, 250_000, false))
        .generate(folder)
        .payer();
  }

  public Path aws() {
    return aws;
  }

  public Path gcp() {
    return gcp;
  }

  public Path azure() {
    return azure;
  }

  public String awsPayer() {
    return awsPayer;
  }

  /** The data files under {@code folder} whose names end with one of {@code suffixes}. */
  public static List<Path> files(Path folder, String... suffixes) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.Optional<String> readMarker(Path marker) {
    try {
      return Files.exists(marker)
          ? java.util.Optional.of(Files.readString(marker, StandardCharsets.UTF_8))
          : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes {@code folder} and everything under it, if it exists. */
  public static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.costlake.errors;

import static io.costlake.errors.CostlakeException.Kind.FAILED;
import static io.costlake.errors.CostlakeException.Kind.USAGE;

import java.util.Collection;
import java.util.List;

/**
 * Every user-facing error message in one place. Messages follow "Cannot &lt;do X&gt;:
 * &lt;reason&gt; (&lt;value&gt;)" and fit on one line.
 */
public final class CostlakeErrors {
  private CostlakeErrors() {}

  public static CostlakeException unknownJob(String job, Collection<String> jobs) {
    return new CostlakeException(
        USAGE, "Unknown job '" + job + "' (jobs: " + String.join(", ", jobs) + ")");
  }

  /** A tool of the launcher (demo, generate, bench) asked of a jar that has no tools. */
  public static CostlakeException toolNotInThisJar(String job, Collection<String> jobs) {
    return new CostlakeException(
        USAGE,
        "'"
            + job
            + "' is a tool of the ./costlake launcher (the costlake-tools jar), not of the cluster"
            + " jar (jobs: "
            + String.join(", ", jobs)
            + ")");
  }

  public static CostlakeException unknownOption(String job, String option) {
    return new CostlakeException(
        USAGE,
        "Unknown option " + option + " for '" + job + "' (see: costlake " + job + " --help)");
  }

  public static CostlakeException missingOptionValue(String job, String option) {
    return new CostlakeException(USAGE, "Option " + option + " of '" + job + "' needs a value");
  }

  public static CostlakeException missingRequiredOption(String job, String option) {
    return new CostlakeException(
        USAGE, "Cannot run '" + job + "': option " + option + " is required");
  }

  public static CostlakeException invalidOptionValue(
      String job, String option, String value, String expected) {
    return new CostlakeException(
        USAGE,
        "Cannot run '" + job + "': " + option + " must be " + expected + " (got '" + value + "')");
  }

  public static CostlakeException unexpectedArgument(String job, String argument) {
    return new CostlakeException(
        USAGE,
        "Unexpected argument '"
            + argument
            + "' for '"
            + job
            + "' (see: costlake "
            + job
            + " --help)");
  }

  public static CostlakeException unknownConfigKey(String source, String key) {
    return new CostlakeException(USAGE, "Unknown config key '" + key + "' in " + source);
  }

  public static CostlakeException invalidConfigValue(String source, String key, String reason) {
    return new CostlakeException(
        USAGE, "Invalid config value for '" + key + "' in " + source + ": " + reason);
  }

  public static CostlakeException unreadableConfig(String source, String reason) {
    return new CostlakeException(USAGE, "Cannot read config " + source + ": " + reason);
  }

  /** A --set option that is not key=value; only its key is repeated, the value may be secret. */
  public static CostlakeException invalidSetOption(String key) {
    return new CostlakeException(
        USAGE,
        "Cannot apply --set '"
            + key
            + "': expected key=value, e.g. spark.master=local[2] (the value is not repeated here)");
  }

  /** A config key that holds a credential; the value is never repeated. */
  public static CostlakeException credentialInConfig(String source, String key) {
    return new CostlakeException(
        USAGE,
        "Refusing config key '"
            + key
            + "' in "
            + source
            + ": credentials never go in config (they would reach logs and job specs); costlake"
            + " signs in through the provider's chain (instance profile, ADC, managed identity,"
            + " environment)");
  }

  /** A relative location in config that climbs out of the folder it is relative to. */
  public static CostlakeException locationEscapes(
      String source, String key, String location, String root) {
    return new CostlakeException(
        USAGE,
        "Cannot use "
            + key
            + " '"
            + location
            + "' in "
            + source
            + ": a relative location stays under "
            + root
            + "; give an absolute path or a URI to read from elsewhere");
  }

  /** An address with {@code user:secret@} in it; the message shows it with the login masked. */
  public static CostlakeException credentialsInAddress(String maskedAddress) {
    return new CostlakeException(
        USAGE,
        "Refusing "
            + maskedAddress
            + ": the address holds login details; give the bare address and let the provider's"
            + " credential chain (instance profile, ADC, managed identity, environment) sign in");
  }

  public static CostlakeException sourceNotFound(String uri) {
    return new CostlakeException(FAILED, "Cannot ingest " + uri + ": no such file or folder");
  }

  public static CostlakeException noExportFiles(String uri, String provider) {
    return noExportFiles(uri, provider, List.of());
  }

  /**
   * @param notRead what the source holds that was not read, each as "URI: why", so that a user sees
   *     at once that a file is there but is not what the adapter reads (a .zip, a .txt)
   */
  public static CostlakeException noExportFiles(String uri, String what, List<String> notRead) {
    String seen =
        notRead.isEmpty()
            ? ""
            : "; not read: "
                + String.join(", ", notRead.subList(0, Math.min(3, notRead.size())))
                + (notRead.size() > 3 ? " and " + (notRead.size() - 3) + " more" : "");
    return new CostlakeException(
        FAILED, "Cannot ingest " + uri + ": no " + what + " files found there" + seen);
  }

  public static CostlakeException unreadableManifest(String manifest, String reason) {
    return new CostlakeException(FAILED, "Cannot read manifest " + manifest + ": " + reason);
  }

  public static CostlakeException manifestFileMissing(String manifest, String key) {
    return new CostlakeException(
        FAILED,
        "Cannot ingest " + manifest + ": it names a file that does not exist (" + key + ")");
  }

  public static CostlakeException ambiguousManifests(String period, Collection<String> manifests) {
    return new CostlakeException(
        FAILED,
        "Cannot choose the current assembly for "
            + period
            + ": several manifests claim it ("
            + String.join(", ", manifests)
            + ")");
  }

  public static CostlakeException unsupportedProvider(String provider, Collection<String> known) {
    return new CostlakeException(
        USAGE,
        "Cannot ingest provider '"
            + provider
            + "': not supported yet (supported: "
            + String.join(", ", known)
            + ")");
  }

  public static CostlakeException ingestFailed(int failedInputs, int failedSlices, String first) {
    return new CostlakeException(
        FAILED,
        "Cannot ingest everything: "
            + failedInputs
            + (failedInputs == 1 ? " input" : " inputs")
            + " failed, "
            + failedSlices
            + (failedSlices == 1 ? " slice" : " slices")
            + " left as they were; first: "
            + first);
  }

  public static CostlakeException nothingToIngest(String detail) {
    return new CostlakeException(FAILED, "Nothing to ingest: " + detail);
  }

  public static CostlakeException sqlFailed(String reason) {
    return new CostlakeException(FAILED, "Cannot run the query: " + reason);
  }

  /** Why a file breaks its contract: the required columns it lacks, and the contract version. */
  public static String missingRequiredColumns(List<String> missing, String contract) {
    return "missing required column"
        + (missing.size() > 1 ? "s " : " ")
        + String.join(", ", missing)
        + " (contract "
        + contract
        + ")";
  }

  public static CostlakeException cannotWrite(String what, String reason) {
    return new CostlakeException(FAILED, "Cannot write " + what + ": " + reason);
  }

  /** Another job kept committing to the same rows: this one wrote nothing and can be re-run. */
  public static CostlakeException concurrentWrites(String table, String detail) {
    return new CostlakeException(
        FAILED,
        "Cannot write "
            + table
            + ": other jobs committed to the same rows first ("
            + detail
            + "); this run wrote nothing there, run it again");
  }

  public static CostlakeException cannotRead(String what, String reason) {
    return new CostlakeException(FAILED, "Cannot read " + what + ": " + reason);
  }

  public static CostlakeException invalidArgument(String what, String reason) {
    return new CostlakeException(USAGE, "Invalid " + what + ": " + reason);
  }

  public static CostlakeException nothingToValidate(String detail) {
    return new CostlakeException(FAILED, "Nothing to validate: " + detail);
  }

  public static CostlakeException nothingToRegister(String detail) {
    return new CostlakeException(FAILED, "Nothing to register: " + detail);
  }

  public static CostlakeException nothingToAmortize(String detail) {
    return new CostlakeException(FAILED, "Nothing to amortize: " + detail);
  }

  public static CostlakeException notConformant(long failedRules, String first) {
    return new CostlakeException(
        FAILED,
        "cost_line_items breaks "
            + failedRules
            + (failedRules == 1 ? " MUST rule" : " MUST rules")
            + " of FOCUS; first: "
            + first);
  }

  public static CostlakeException nothingToAllocate(String detail) {
    return new CostlakeException(FAILED, "Nothing to allocate: " + detail);
  }

  /** A config-named input file (account mapping, driver table) with a bad line. */
  public static CostlakeException invalidInputFile(String file, long line, String reason) {
    return new CostlakeException(
        USAGE, "Cannot use " + file + ": " + (line > 0 ? "line " + line + " " : "") + reason);
  }

  public static CostlakeException invalidTableRow(String table, String row, String reason) {
    return new CostlakeException(USAGE, "Cannot use table " + table + ": " + row + " " + reason);
  }

  public static CostlakeException nothingToReport(String detail) {
    return new CostlakeException(FAILED, "Nothing to report: " + detail);
  }

  public static CostlakeException nothingToScore(String detail) {
    return new CostlakeException(FAILED, "Nothing to score for anomalies: " + detail);
  }

  public static CostlakeException allocationNotConserved(String detail) {
    return new CostlakeException(
        FAILED, "Allocation did not conserve cost (a costlake bug, please report it): " + detail);
  }

  public static CostlakeException nothingToReconcile(String detail) {
    return new CostlakeException(FAILED, "Nothing to reconcile: " + detail);
  }

  public static CostlakeException warehouseBroken(int findings, boolean repairable) {
    return new CostlakeException(
        FAILED,
        findings
            + (findings == 1 ? " invariant is" : " invariants are")
            + " broken"
            + (repairable
                ? " (costlake verify --repair mends what the tables' history can)"
                : " that --repair cannot mend: ingest the slices named above again"));
  }

  public static CostlakeException notReconciled(long invoices) {
    return new CostlakeException(
        FAILED,
        invoices
            + (invoices == 1 ? " invoice does" : " invoices do")
            + " not reconcile (MISMATCH or MISSING_DATA); see invoice_reconciliation");
  }

  public static CostlakeException nothingToCharge(String detail) {
    return new CostlakeException(FAILED, "Nothing to charge back: " + detail);
  }

  public static CostlakeException nothingToNotify(String detail) {
    return new CostlakeException(FAILED, "Nothing to notify: " + detail);
  }

  public static CostlakeException notDelivered(int failed, String first) {
    return new CostlakeException(
        FAILED,
        failed
            + (failed == 1 ? " alert was" : " alerts were")
            + " not delivered (first: "
            + first
            + "); see notify_deliveries: the next run tries them again");
  }
}

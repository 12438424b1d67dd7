package io.costlake.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The README's deploy steps (its "Run on EMR / Dataproc / Airflow" section), run as a user runs
 * them from the checkout: the local copy of the starter config, then the uploads of the AWS CLI
 * ({@code aws s3 cp}, {@code aws s3 sync}) or of gcloud ({@code gcloud storage cp}, {@code gcloud
 * storage rsync --recursive}), done here through Hadoop's file systems against the test's object
 * store. A command of another form in those lines fails the test: the rehearsal runs what the
 * README says, or nothing.
 */
final class ReadmeDeploy {
  static final String SECTION = "## Run on EMR / Dataproc / Airflow";

  private final Path checkout;
  private final Path userDir;
  private final Configuration hadoop;

  /**
   * @param userDir where files the user makes land ({@code cp -r conf/templates costlake-conf}), so
   *     that the checkout stays as it is
   */
  ReadmeDeploy(Path checkout, Path userDir, Configuration hadoop) {
    this.checkout = checkout;
    this.userDir = userDir;
    this.hadoop = hadoop;
  }

  /** The commands of the section's bash blocks, comments dropped. */
  static List<String> commands(Path readme) throws IOException {
    String text = Files.readString(readme);
    int start = text.indexOf(SECTION);
    if (start < 0) {
      throw new AssertionError("the README has no section '" + SECTION + "'");
    }
    int end = text.indexOf("\n## ", start + SECTION.length());
    String section = text.substring(start, end < 0 ? text.length() : end);
    List<String> commands = new ArrayList<>();
    boolean inBlock = false;
    for (String line : section.split("\n")) {
      if (line.startsWith("```")) {
        inBlock = !inBlock && line.startsWith("```bash");
        continue;
      }
      if (inBlock) {
        String command = line.replaceAll("\\s+#.*$", "").trim();
        if (!command.isEmpty() && !command.startsWith("#")) {
          commands.add(command);
        }
      }
    }
    return commands;
  }

  /**
   * Runs every copy and upload command of the section whose words start with one of {@code
   * prefixes} ("cp -r", "aws s3", "gcloud storage"); returns those it ran.
   */
  List<String> run(List<String> commands, String... prefixes) throws IOException {
    List<String> ran = new ArrayList<>();
    for (String command : commands) {
      if (Arrays.stream(prefixes).noneMatch(command::startsWith)) {
        continue;
      }
      List<String> words = new ArrayList<>(Arrays.asList(command.split("\\s+")));
      if (command.startsWith("cp -r ")) {
        Fixtures.copyTree(local(words.get(2)), userDir.resolve(words.get(3)));
      } else if (command.startsWith("aws s3 cp ") && words.size() == 5) {
        uploadFile(local(words.get(3)), words.get(4));
      } else if (command.startsWith("aws s3 sync ") && words.size() == 5) {
        uploadTree(local(words.get(3)), words.get(4));
      } else if (command.startsWith("gcloud storage cp ") && words.size() == 5) {
        uploadFile(local(words.get(3)), words.get(4));
      } else if (command.startsWith("gcloud storage rsync --recursive ") && words.size() == 6) {
        uploadTree(local(words.get(4)), words.get(5));
      } else {
        throw new AssertionError("the rehearsal cannot run this README command: " + command);
      }
      ran.add(command);
    }
    return ran;
  }

  /** A path the user names: what they made themselves, else the checkout's. */
  private Path local(String name) {
    Path made = userDir.resolve(name);
    Path path = Files.exists(made) ? made : checkout.resolve(name);
    if (!Files.exists(path)) {
      throw new AssertionError("the README names " + name + ", which does not exist");
    }
    return path;
  }

  /** {@code cp FILE uri/}: the file under its own name, as both CLIs do with a trailing slash. */
  private void uploadFile(Path file, String uri) throws IOException {
    if (!uri.endsWith("/")) {
      throw new AssertionError("upload a file into a folder (a trailing /): " + uri);
    }
    put(file, uri + file.getFileName());
  }

  /** {@code sync DIR uri}: the folder's content under the prefix. */
  private void uploadTree(Path dir, String uri) throws IOException {
    String prefix = uri.endsWith("/") ? uri : uri + "/";
    for (Path file : Fixtures.files(dir, "")) {
      if (Files.isRegularFile(file)) {
        put(file, prefix + dir.relativize(file).toString().replace('\\', '/'));
      }
    }
  }

  private void put(Path file, String uri) throws IOException {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(uri);
    FileSystem fs = target.getFileSystem(hadoop);
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()), target);
  }
}

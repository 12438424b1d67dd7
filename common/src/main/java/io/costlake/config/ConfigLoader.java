package io.costlake.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.costlake.errors.CostlakeErrors;
import io.costlake.io.Locations;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads {@link CostlakeConfig} from YAML files and {@code --set key=value} overrides.
 *
 * <p>Precedence, highest first: {@code --set} options, then the {@code --conf} files from last to
 * first (so an environment file given after the job file overrides it), then the defaults written
 * in the config classes. Each layer is checked on its own, so an unknown key is reported with the
 * file (or {@code --set}) it came from. YAML is read with SnakeYAML's safe constructor: plain maps,
 * lists and scalars only, never arbitrary types.
 *
 * <p>Config files may be on the local disk or on any Hadoop file system ({@code
 * s3a://bucket/costlake/conf/costlake.yaml}): a deployment uploads its config folder once and every
 * job reads it from there. A file may name other files under {@code include:} (relative to its own
 * folder); they are merged first, so the including file wins. Keys named {@code file} or ending in
 * {@code File} hold file locations: relative ones are resolved against the folder of the YAML file
 * that sets them, on the disk or in the bucket (from {@code --set}, against the working directory),
 * so a config works from any directory and from object storage alike. A relative location may not
 * climb out of that folder ({@code ../..}): reading elsewhere takes an absolute path or a URI,
 * written out where a reviewer sees it.
 *
 * <p>Credentials are refused: a {@code spark.settings} key that names a secret, key, password or
 * token fails the load, naming the key, never repeating the value. Error messages quote keys and
 * line numbers, not the YAML text around a syntax error.
 */
public final class ConfigLoader {
  /** Keys whose value is a free-form map: the rest of a dotted --set key is one map key. */
  private static final List<String> MAP_KEYS =
      List.of("spark.settings", "ingest.focus.columnDefaults");

  private static final String INCLUDE = "include";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

  private ConfigLoader() {}

  /** Loads local files: the embedded default and tests. */
  public static CostlakeConfig load(List<Path> files, List<String> sets) {
    return load(
        files.stream().map(ConfigLocation::local).collect(Collectors.toList()),
        sets,
        ConfigFiles.localDisk());
  }

  /**
   * Loads config files wherever they are ({@code reader} reads them); the locations inside each
   * resolve against its own folder.
   */
  public static CostlakeConfig load(
      List<ConfigLocation> files, List<String> sets, ConfigFiles reader) {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (ConfigLocation file : files) {
      deepMerge(merged, readLayer(file, new ArrayList<>(), reader));
    }
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (String assignment : sets) {
      applySet(overrides, assignment);
    }
    refuseCredentials(overrides, "--set");
    checkKeys(overrides, "--set");
    deepMerge(merged, overrides);
    return bind(merged, describe(files, sets));
  }

  /** One file with its includes merged under it; its keys checked and its file paths resolved. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> readLayer(
      ConfigLocation file, List<ConfigLocation> including, ConfigFiles reader) {
    if (including.contains(file)) {
      throw CostlakeErrors.unreadableConfig(file.toString(), "it includes itself");
    }
    Map<String, Object> tree = readYaml(file, reader);
    Object include = tree.remove(INCLUDE);
    ConfigLocation folder = file.folder();
    refuseCredentials(tree, file.toString());
    resolveFiles(tree, folder, file.toString());
    checkKeys(tree, file.toString());
    Map<String, Object> merged = new LinkedHashMap<>();
    List<Object> includes =
        include == null
            ? List.of()
            : include instanceof List ? (List<Object>) include : List.of(include);
    List<ConfigLocation> chain = new ArrayList<>(including);
    chain.add(file);
    for (Object name : includes) {
      if (!(name instanceof String)) {
        throw CostlakeErrors.invalidConfigValue(
            file.toString(), INCLUDE, "list the files to include as strings");
      }
      deepMerge(
          merged,
          readLayer(
              ConfigLocation.of(within(folder, (String) name, file.toString(), INCLUDE)),
              chain,
              reader));
    }
    deepMerge(merged, tree);
    return merged;
  }

  @SuppressWarnings("unchecked")
  private static void resolveFiles(Object node, ConfigLocation folder, String source) {
    if (node instanceof Map) {
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) node).entrySet()) {
        String key = String.valueOf(entry.getKey());
        Object value = entry.getValue();
        boolean aFile = key.equals("file") || key.endsWith("File");
        if (aFile && value instanceof String) {
          entry.setValue(within(folder, (String) value, source, key));
        } else if (aFile && value instanceof List) {
          List<Object> files = new ArrayList<>();
          for (Object item : (List<Object>) value) {
            files.add(item instanceof String ? within(folder, (String) item, source, key) : item);
          }
          entry.setValue(files);
        } else {
          resolveFiles(value, folder, source);
        }
      }
    } else if (node instanceof List) {
      ((List<Object>) node).forEach(item -> resolveFiles(item, folder, source));
    }
  }

  /**
   * A location from config: URIs and absolute paths as written, relative ones resolved against
   * {@code folder} (on the disk or on object storage), which they may not leave.
   */
  static String within(ConfigLocation folder, String location, String source, String key) {
    if (Locations.hasScheme(location)) {
      return location;
    }
    Path given = Paths.get(location);
    if (given.isAbsolute()) {
      return given.normalize().toString();
    }
    ConfigLocation resolved = folder.resolveWithin(location);
    if (resolved == null) {
      throw CostlakeErrors.locationEscapes(source, key, location, folder.toString());
    }
    return resolved.toString();
  }

  /** Fails on the first {@code spark.settings} key that carries a credential. */
  @SuppressWarnings("unchecked")
  private static void refuseCredentials(Map<String, Object> layer, String source) {
    Object spark = layer.get("spark");
    Object settings = spark instanceof Map ? ((Map<String, Object>) spark).get("settings") : null;
    if (!(settings instanceof Map)) {
      return;
    }
    for (Object key : ((Map<Object, Object>) settings).keySet()) {
      if (CredentialKeys.holdsCredential(String.valueOf(key))) {
        throw CostlakeErrors.credentialInConfig(source, "spark.settings." + key);
      }
    }
  }

  /**
   * Rejects unknown keys and malformed values of one layer, naming its source. Rules that relate
   * keys to each other are checked on the merged config, since another layer may complete them.
   */
  private static void checkKeys(Map<String, Object> layer, String source) {
    try {
      MAPPER.convertValue(layer, CostlakeConfig.class);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof UnrecognizedPropertyException) {
        throw CostlakeErrors.unknownConfigKey(source, path((JsonMappingException) e.getCause()));
      }
    }
  }

  static Map<String, Object> readYaml(ConfigLocation file, ConfigFiles reader) {
    Optional<String> text;
    try {
      text = reader.read(file);
    } catch (IOException | RuntimeException e) {
      throw CostlakeErrors.unreadableConfig(
          file.toString(), String.valueOf(e.getMessage()).split("\n")[0]);
    }
    if (text.isEmpty()) {
      throw CostlakeErrors.unreadableConfig(file.toString(), "no such file");
    }
    return parseYaml(new StringReader(text.get()), file.toString());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parseYaml(Reader reader, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    try {
      Object document = yaml.load(reader);
      if (document == null) {
        return new LinkedHashMap<>();
      }
      if (!(document instanceof Map)) {
        throw CostlakeErrors.unreadableConfig(source, "the top level must be a mapping of keys");
      }
      return (Map<String, Object>) document;
    } catch (MarkedYAMLException e) {
      // Its full message quotes the lines around the mark, which may hold a value never meant
      // to be printed; the line number and the problem are enough to find it.
      Mark mark = e.getProblemMark();
      throw CostlakeErrors.unreadableConfig(
          source,
          (mark == null ? "" : "line " + (mark.getLine() + 1) + ": ")
              + oneLine(String.valueOf(e.getProblem())));
    } catch (YAMLException e) {
      throw CostlakeErrors.unreadableConfig(source, "not valid YAML");
    }
  }

  static CostlakeConfig bind(Map<String, Object> tree, String source) {
    try {
      return MAPPER.convertValue(tree, CostlakeConfig.class);
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UnrecognizedPropertyException) {
        throw CostlakeErrors.unknownConfigKey(source, path((JsonMappingException) cause));
      }
      if (cause instanceof JsonMappingException) {
        JsonMappingException mapping = (JsonMappingException) cause;
        Throwable root = rootCause(mapping);
        String reason =
            root instanceof IllegalArgumentException
                ? root.getMessage()
                : oneLine(mapping.getOriginalMessage());
        throw CostlakeErrors.invalidConfigValue(source, path(mapping), reason);
      }
      throw CostlakeErrors.unreadableConfig(source, oneLine(e.getMessage()));
    }
  }

  @SuppressWarnings("unchecked")
  static void applySet(Map<String, Object> tree, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw CostlakeErrors.invalidSetOption(eq < 0 ? "(no key=value)" : "=...");
    }
    String key = assignment.substring(0, eq).trim();
    String value = assignment.substring(eq + 1);
    List<String> path = splitKey(key);
    Map<String, Object> node = tree;
    for (int i = 0; i < path.size() - 1; i++) {
      Object child = node.computeIfAbsent(path.get(i), k -> new LinkedHashMap<String, Object>());
      if (!(child instanceof Map)) {
        throw CostlakeErrors.invalidSetOption(key);
      }
      node = (Map<String, Object>) child;
    }
    node.put(path.get(path.size() - 1), value);
  }

  static List<String> splitKey(String key) {
    for (String mapKey : MAP_KEYS) {
      if (key.startsWith(mapKey + ".")) {
        List<String> path = new java.util.ArrayList<>(List.of(mapKey.split("\\.")));
        path.add(key.substring(mapKey.length() + 1));
        return path;
      }
    }
    return List.of(key.split("\\."));
  }

  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> target, Map<String, Object> layer) {
    for (Map.Entry<String, Object> entry : layer.entrySet()) {
      Object existing = target.get(entry.getKey());
      if (existing instanceof Map && entry.getValue() instanceof Map) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
        deepMerge(copy, (Map<String, Object>) entry.getValue());
        target.put(entry.getKey(), copy);
      } else {
        target.put(entry.getKey(), entry.getValue());
      }
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static Throwable rootCause(Throwable t) {
    Throwable current = t;
    while (current.getCause() != null && current.getCause() != current) {
      current = current.getCause();
    }
    return current;
  }

  private static String describe(List<ConfigLocation> files, List<String> sets) {
    String names = files.stream().map(ConfigLocation::toString).collect(Collectors.joining(", "));
    if (files.isEmpty()) {
      return sets.isEmpty() ? "the defaults" : "--set";
    }
    return sets.isEmpty() ? names : names + " and --set";
  }

  private static String oneLine(String message) {
    return message == null ? "unknown error" : message.replaceAll("\\s+", " ").trim();
  }
}

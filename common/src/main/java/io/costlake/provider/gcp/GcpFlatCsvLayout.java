package io.costlake.provider.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costlake.ingest.read.CsvLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The flattened CSV of a billing export ({@code service.id}, {@code usage.amount}, ...), as koku
 * and other tools write it: each row is rebuilt into the nested record, repeated fields parsed from
 * their Python or JSON literal ({@code [{'key': 'env', 'value': 'prod'}]}), so it maps exactly as
 * the JSON, Avro and Parquet extracts do.
 */
final class GcpFlatCsvLayout implements CsvLayout {
  private static final long serialVersionUID = 1L;

  @Override
  public StructType schema() {
    return GcpRawSchema.SCHEMA;
  }

  @Override
  public String defaultContract() {
    return GcpExport.FLAT_CSV_CONTRACT;
  }

  @Override
  public Binding bind(String[] header) {
    return new Header(header);
  }

  /** One file's header: which cells build the record, which are drift. */
  static final class Header implements Binding {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String[] names;
    private final boolean[] known;
    private final List<String> unknown = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    Header(String[] header) {
      this.names = header.clone();
      this.known = new boolean[header.length];
      Map<String, Boolean> present = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        String name = header[i].trim();
        names[i] = name;
        String top = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        known[i] = GcpExport.KNOWN_FIELDS.contains(top);
        present.put(name, true);
        if (!known[i] && !name.isEmpty()) {
          unknown.add(name);
        }
      }
      for (String required : GcpExport.REQUIRED) {
        if (!present.containsKey(required)) {
          missing.add(required);
        }
      }
    }

    @Override
    public String contract() {
      return GcpExport.FLAT_CSV_CONTRACT;
    }

    @Override
    public Optional<String> contractViolation() {
      return missing.isEmpty()
          ? Optional.empty()
          : Optional.of(
              "missing required columns "
                  + String.join(", ", missing)
                  + " of contract "
                  + GcpExport.FLAT_CSV_CONTRACT);
    }

    @Override
    public List<String> unknownColumns() {
      return unknown;
    }

    @Override
    public int width() {
      return names.length;
    }

    @Override
    public void fill(String[] record, Object[] values) {
      ObjectNode root = JSON.createObjectNode();
      Map<String, String> extensions = new LinkedHashMap<>();
      int cells = Math.min(record.length, names.length);
      for (int i = 0; i < cells; i++) {
        String cell = record[i];
        if (cell == null || cell.isEmpty() || names[i].isEmpty()) {
          continue;
        }
        if (!known[i]) {
          extensions.put(names[i], cell);
          continue;
        }
        try {
          put(root, names[i], value(names[i], cell));
        } catch (IllegalArgumentException e) {
          if (values[4] == null) {
            values[4] = "MALFORMED_VALUE";
            values[5] = names[i];
            values[6] =
                names[i] + " is neither a Python nor a JSON literal (" + e.getMessage() + ")";
          }
        }
      }
      values[GcpRawSchema.RECORD_INDEX] = root.toString();
      values[GcpRawSchema.EXTENSIONS_INDEX] =
          extensions.isEmpty() ? null : JavaConverters.mapAsScalaMap(extensions);
    }

    private static JsonNode value(String name, String cell) {
      if (!GcpExport.REPEATED.contains(name)) {
        return JSON.getNodeFactory().textNode(cell);
      }
      try {
        return JSON.readTree(PythonLiterals.toJson(cell));
      } catch (java.io.IOException | RuntimeException python) {
        try {
          return JSON.readTree(cell);
        } catch (java.io.IOException json) {
          throw new IllegalArgumentException(python.getMessage(), python);
        }
      }
    }

    /** {@code usage.amount} becomes {@code {"usage": {"amount": ...}}}. */
    private static void put(ObjectNode root, String dotted, JsonNode value) {
      String[] path = dotted.split("\\.");
      ObjectNode node = root;
      for (int i = 0; i < path.length - 1; i++) {
        JsonNode child = node.get(path[i]);
        if (!(child instanceof ObjectNode)) {
          child = node.putObject(path[i]);
        }
        node = (ObjectNode) child;
      }
      node.set(path[path.length - 1], value);
    }
  }
}

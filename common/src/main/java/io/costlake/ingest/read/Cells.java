package io.costlake.ingest.read;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading single CSV cells: absent and empty cells are null; JSON object cells become maps. */
public final class Cells {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cells() {}

  public static String cell(String[] record, int index) {
    if (index < 0 || index >= record.length) {
      return null;
    }
    String value = record[index];
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * A JSON object cell as a map of strings; anything that is not a JSON object gives an empty map.
   */
  public static Map<String, String> jsonMap(String json) {
    if (json == null || json.isBlank() || json.trim().charAt(0) != '{') {
      return Map.of();
    }
    try {
      Map<String, Object> parsed =
          JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
      Map<String, String> out = new LinkedHashMap<>();
      parsed.forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
      return out;
    } catch (IOException e) {
      return Map.of();
    }
  }
}

package io.costlake.provider.gcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costlake.io.OpenedFile;
import io.costlake.io.RefusedContent;
import io.costlake.io.Utf8Text;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Newline-delimited JSON as BigQuery extracts it: one object per line. Each line is checked with a
 * streaming parser that only looks at top-level names (values are skipped, not built), so a broken
 * line becomes a quarantined row naming its line number instead of failing the file.
 */
final class JsonLinesSource implements GcpFileReader.Source {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private final BufferedReader lines;
  private final Set<String> unknown = new LinkedHashSet<>();
  private long lineNumber;

  /** The code of a file that holds one JSON array instead of one object per line. */
  static final String JSON_ARRAY = "JSON_ARRAY";

  private boolean seenContent;

  JsonLinesSource(OpenedFile file) throws IOException {
    this.lines = new BufferedReader(Utf8Text.reader(file.content()), 1 << 16);
  }

  @Override
  public GcpFileReader.Record next() throws IOException {
    String line;
    while ((line = lines.readLine()) != null) {
      lineNumber++;
      if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (!line.isBlank()) {
        if (!seenContent && line.stripLeading().startsWith("[")) {
          throw new RefusedContent(
              JSON_ARRAY,
              "the file is a JSON array; a billing export is JSON lines, one object per line"
                  + " (bq extract --destination_format NEWLINE_DELIMITED_JSON, or jq -c '.[]')");
        }
        seenContent = true;
        return record(line);
      }
    }
    return null;
  }

  private GcpFileReader.Record record(String line) {
    Map<String, String> extensions = null;
    try (JsonParser parser = FACTORY.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return malformed(line, "the line is not a JSON object");
      }
      JsonToken token;
      String wrongType = null;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        if (GcpExport.KNOWN_FIELDS.contains(name)) {
          if (wrongType == null && !GcpExport.hasExpectedShape(name, value)) {
            wrongType = name;
          }
          parser.skipChildren();
        } else {
          unknown.add(name);
          if (extensions == null) {
            extensions = new LinkedHashMap<>();
          }
          extensions.put(name, text(parser));
        }
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return malformed(line, "unexpected content after the JSON object");
      }
      if (wrongType != null) {
        // Spark's JSON reader would make the field null and keep the row: its labels or credits
        // would be lost without a word.
        return new GcpFileReader.Record(
            lineNumber,
            line,
            extensions,
            "INVALID_TYPE",
            wrongType,
            wrongType + " is not " + GcpExport.shapeOf(wrongType) + " (line " + lineNumber + ")");
      }
    } catch (JsonProcessingException e) {
      return malformed(line, e.getOriginalMessage());
    } catch (IOException e) {
      return malformed(line, e.getMessage());
    }
    return new GcpFileReader.Record(lineNumber, line, extensions, null, null, null);
  }

  private static String text(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    return MAPPER.writeValueAsString(parser.readValueAsTree());
  }

  private GcpFileReader.Record malformed(String line, String why) {
    return new GcpFileReader.Record(
        lineNumber,
        null,
        null,
        "MALFORMED_JSON",
        null,
        "line " + lineNumber + " is not valid JSON: " + why + ": " + abbreviate(line));
  }

  private static String abbreviate(String line) {
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  @Override
  public Set<String> unknownFields() {
    return unknown;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}

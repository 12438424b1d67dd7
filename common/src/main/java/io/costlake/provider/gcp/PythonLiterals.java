package io.costlake.provider.gcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Turns a Python literal ({@code [{'name': 'x', 'amount': -5e-06, 'full_name': None}]}), as some
 * tools write BigQuery's repeated fields into CSV, into JSON. Strings, numbers, None, True, False,
 * lists, tuples and dicts; anything else is an error.
 */
final class PythonLiterals {
  private static final JsonFactory JSON = new JsonFactory();

  private final String text;
  private int pos;

  private PythonLiterals(String text) {
    this.text = text;
  }

  /**
   * @throws IllegalArgumentException naming the position, when the text is not a literal
   */
  static String toJson(String literal) {
    PythonLiterals parser = new PythonLiterals(literal);
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      parser.value(json);
      parser.skipSpace();
      if (parser.pos != literal.length()) {
        throw parser.error("unexpected text");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private void value(JsonGenerator json) throws IOException {
    skipSpace();
    if (pos >= text.length()) {
      throw error("the literal ends too early");
    }
    char c = text.charAt(pos);
    if (c == '[' || c == '(') {
      list(json, c == '[' ? ']' : ')');
    } else if (c == '{') {
      dict(json);
    } else if (c == '\'' || c == '"') {
      json.writeString(string());
    } else if (text.startsWith("None", pos)) {
      pos += 4;
      json.writeNull();
    } else if (text.startsWith("True", pos)) {
      pos += 4;
      json.writeBoolean(true);
    } else if (text.startsWith("False", pos)) {
      pos += 5;
      json.writeBoolean(false);
    } else {
      int start = pos;
      while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      if (start == pos) {
        throw error("unexpected character '" + c + "'");
      }
      json.writeNumber(text.substring(start, pos));
    }
  }

  private void list(JsonGenerator json, char close) throws IOException {
    pos++;
    json.writeStartArray();
    skipSpace();
    while (pos < text.length() && text.charAt(pos) != close) {
      value(json);
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        skipSpace();
      }
    }
    expect(close);
    json.writeEndArray();
  }

  private void dict(JsonGenerator json) throws IOException {
    pos++;
    json.writeStartObject();
    skipSpace();
    while (pos < text.length() && text.charAt(pos) != '}') {
      skipSpace();
      char c = text.charAt(pos);
      if (c != '\'' && c != '"') {
        throw error("dictionary keys must be strings");
      }
      json.writeFieldName(string());
      skipSpace();
      expect(':');
      value(json);
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        skipSpace();
      }
    }
    expect('}');
    json.writeEndObject();
  }

  private String string() {
    char quote = text.charAt(pos++);
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return value.toString();
      }
      if (c == '\\' && pos < text.length()) {
        char escaped = text.charAt(pos++);
        switch (escaped) {
          case 'n':
            value.append('\n');
            break;
          case 't':
            value.append('\t');
            break;
          case 'r':
            value.append('\r');
            break;
          default:
            value.append(escaped);
        }
      } else {
        value.append(c);
      }
    }
    throw error("an unterminated string");
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("'" + c + "' expected");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at position " + pos);
  }
}

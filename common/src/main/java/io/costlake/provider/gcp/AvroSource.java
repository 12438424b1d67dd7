package io.costlake.provider.gcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.costlake.io.OpenedFile;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro as BigQuery extracts it: each record written out as the same JSON the JSON-lines extract
 * has, honouring logical types ({@code timestamp-micros} as an ISO instant, {@code decimal} bytes
 * as exact numbers), so one mapping serves every format.
 */
final class AvroSource implements GcpFileReader.Source {
  private static final JsonFactory JSON = new JsonFactory();

  private final DataFileStream<GenericRecord> records;
  private final List<Schema.Field> knownFields = new ArrayList<>();
  private final List<Schema.Field> unknownFields = new ArrayList<>();
  private final Set<String> unknownNames = new LinkedHashSet<>();
  private final String violation;
  private long position;

  AvroSource(OpenedFile file) throws IOException {
    this.records = new DataFileStream<>(file.content(), new GenericDatumReader<>());
    Schema schema = records.getSchema();
    List<String> missing = new ArrayList<>();
    for (String required : GcpExport.REQUIRED) {
      if (schema.getType() != Schema.Type.RECORD || schema.getField(required) == null) {
        missing.add(required);
      }
    }
    this.violation =
        missing.isEmpty()
            ? null
            : "missing required fields "
                + String.join(", ", missing)
                + " of contract "
                + GcpExport.NESTED_CONTRACT;
    if (schema.getType() == Schema.Type.RECORD) {
      for (Schema.Field field : schema.getFields()) {
        if (GcpExport.KNOWN_FIELDS.contains(field.name())) {
          knownFields.add(field);
        } else {
          unknownFields.add(field);
          unknownNames.add(field.name());
        }
      }
    }
  }

  @Override
  public GcpFileReader.Record next() throws IOException {
    if (!records.hasNext()) {
      return null;
    }
    GenericRecord record = records.next();
    position++;
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (Schema.Field field : knownFields) {
        Object value = record.get(field.pos());
        if (value != null) {
          json.writeFieldName(field.name());
          write(json, field.schema(), value);
        }
      }
      json.writeEndObject();
    }
    Map<String, String> extensions = null;
    for (Schema.Field field : unknownFields) {
      Object value = record.get(field.pos());
      if (value != null) {
        if (extensions == null) {
          extensions = new LinkedHashMap<>();
        }
        extensions.put(field.name(), text(field.schema(), value));
      }
    }
    return new GcpFileReader.Record(position, out.toString(), extensions, null, null, null);
  }

  private static String text(Schema schema, Object value) throws IOException {
    if (value instanceof CharSequence) {
      return value.toString();
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      write(json, schema, value);
    }
    return out.toString();
  }

  static void write(JsonGenerator json, Schema schema, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    if (schema.getType() == Schema.Type.UNION) {
      write(json, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)), value);
      return;
    }
    LogicalType logical = schema.getLogicalType();
    switch (schema.getType()) {
      case RECORD:
        json.writeStartObject();
        GenericRecord record = (GenericRecord) value;
        for (Schema.Field field : schema.getFields()) {
          Object fieldValue = record.get(field.pos());
          if (fieldValue != null) {
            json.writeFieldName(field.name());
            write(json, field.schema(), fieldValue);
          }
        }
        json.writeEndObject();
        return;
      case ARRAY:
        json.writeStartArray();
        for (Object element : (Iterable<?>) value) {
          write(json, schema.getElementType(), element);
        }
        json.writeEndArray();
        return;
      case MAP:
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          json.writeFieldName(entry.getKey().toString());
          write(json, schema.getValueType(), entry.getValue());
        }
        json.writeEndObject();
        return;
      case LONG:
        if (logical instanceof LogicalTypes.TimestampMicros) {
          long micros = (Long) value;
          json.writeString(
              Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L))
                  .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L)
                  .toString());
        } else if (logical instanceof LogicalTypes.TimestampMillis) {
          json.writeString(Instant.ofEpochMilli((Long) value).toString());
        } else {
          json.writeNumber((Long) value);
        }
        return;
      case INT:
        if (logical instanceof LogicalTypes.Date) {
          json.writeString(LocalDate.ofEpochDay((Integer) value).toString());
        } else {
          json.writeNumber((Integer) value);
        }
        return;
      case BYTES:
      case FIXED:
        byte[] bytes = bytes(value);
        if (logical instanceof LogicalTypes.Decimal) {
          int scale = ((LogicalTypes.Decimal) logical).getScale();
          // Exact, as text: the mapping parses it straight into DECIMAL.
          json.writeString(new BigDecimal(new BigInteger(bytes), scale).toPlainString());
        } else {
          json.writeString(Base64.getEncoder().encodeToString(bytes));
        }
        return;
      case FLOAT:
      case DOUBLE:
        // BigQuery FLOAT64 cost: its shortest decimal text, not a binary expansion.
        json.writeString(value.toString());
        return;
      case BOOLEAN:
        json.writeBoolean((Boolean) value);
        return;
      default:
        json.writeString(value.toString());
    }
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer) {
      ByteBuffer buffer = ((ByteBuffer) value).duplicate();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    }
    return ((GenericData.Fixed) value).bytes();
  }

  @Override
  public String contractViolation() {
    return violation;
  }

  @Override
  public Set<String> unknownFields() {
    return unknownNames;
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}

package io.costlake.jobs.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes records as BigQuery's Avro extract does: nullable unions, TIMESTAMP as {@code
 * timestamp-micros}, FLOAT64 as double, repeated records as arrays, deflate blocks.
 */
final class GcpAvroWriter {
  static final Schema SCHEMA = avro(GcpExportTypes.SCHEMA, "Root");

  private GcpAvroWriter() {}

  static void write(Path file, List<ObjectNode> records) throws IOException {
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(SCHEMA, file.toFile());
      for (ObjectNode record : records) {
        writer.append((GenericRecord) value(SCHEMA, record));
      }
    }
  }

  private static Schema avro(DataType type, String name) {
    Schema schema;
    if (type instanceof StructType) {
      List<Schema.Field> fields = new ArrayList<>();
      for (StructField field : ((StructType) type).fields()) {
        Schema fieldSchema = avro(field.dataType(), name + "_" + field.name());
        // Repeated fields are plain arrays (default empty), the others nullable.
        fields.add(
            fieldSchema.getType() == Schema.Type.ARRAY
                ? new Schema.Field(field.name(), fieldSchema, null, new ArrayList<>())
                : new Schema.Field(
                    field.name(), nullable(fieldSchema), null, Schema.Field.NULL_DEFAULT_VALUE));
      }
      schema = Schema.createRecord(name, null, "costlake.generated", false, fields);
    } else if (type instanceof ArrayType) {
      schema = Schema.createArray(avro(((ArrayType) type).elementType(), name));
    } else if (type.equals(DataTypes.TimestampType)) {
      schema = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    } else if (type.equals(DataTypes.DoubleType)) {
      schema = Schema.create(Schema.Type.DOUBLE);
    } else if (type.equals(DataTypes.BooleanType)) {
      schema = Schema.create(Schema.Type.BOOLEAN);
    } else {
      schema = Schema.create(Schema.Type.STRING);
    }
    return schema;
  }

  private static Schema nullable(Schema schema) {
    return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
  }

  private static Object value(Schema schema, JsonNode node) {
    if (schema.getType() == Schema.Type.UNION) {
      return node == null || node.isNull() ? null : value(schema.getTypes().get(1), node);
    }
    switch (schema.getType()) {
      case RECORD:
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          JsonNode child = node.get(field.name());
          Object converted =
              child == null && field.schema().getType() == Schema.Type.ARRAY
                  ? new ArrayList<>()
                  : child == null ? null : value(field.schema(), child);
          record.put(field.pos(), converted);
        }
        return record;
      case ARRAY:
        List<Object> values = new ArrayList<>();
        for (JsonNode element : node) {
          values.add(value(schema.getElementType(), element));
        }
        return values;
      case LONG:
        Instant instant = Instant.parse(node.asText());
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
      case DOUBLE:
        return node.asDouble();
      case BOOLEAN:
        return node.asBoolean();
      default:
        return node.asText();
    }
  }
}

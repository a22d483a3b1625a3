package org.observatoire.beam.parquet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Parquet write support for rows that arrive Avro binary-encoded (as the sort buffer holds them): each field is
 * decoded straight into the column writers by a plan compiled once from the schema, so no record object is built
 * per row and no schema is walked per value. The Parquet schema is the one parquet-avro derives from the Avro schema,
 * and the footer carries the Avro schema under parquet-avro's key, so the files are the ones {@code AvroWriteSupport}
 * writes, only cheaper to produce. Fields may be string, bytes, int, long, float, double, boolean, a record of
 * such fields, an array of any of them, or a union of one of those with null. With a {@link GeoParquet} point column, the footer gets the
 * {@code geo} key and the file's bbox.
 */
final class EncodedRowWriteSupport extends WriteSupport<byte[]> {
  private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  /** How a value is decoded and written (shared with {@link ColumnRowWriter}). */
  enum Kind { BINARY, INT, LONG, FLOAT, DOUBLE, BOOLEAN, RECORD, LIST }

  /**
   * How one value is decoded and written: a field's name and position, the union branch that means null (or -1),
   * and for a record its fields, for a list its element and parquet-avro's layout (two levels: the repeated field
   * is the element; three: a repeated group holding the element field).
   */
  private record Node(String name, int index, Kind kind, int nullBranch, Node[] fields, Node element,
      String repeatedName, String elementName) {}

  private final Schema avro;
  private final MessageType parquet;
  private final Node[] plan;
  private final int longitude;
  private final int latitude;
  private final GeoParquet.Extent extent;
  private RecordConsumer out;
  private final AvroCursor in = new AvroCursor();
  private double x;
  private double y;

  EncodedRowWriteSupport(Schema avro, GeoParquet geo) {
    this.avro = avro;
    this.parquet = new AvroSchemaConverter(new Configuration(false)).convert(avro);
    this.plan = compileFields(avro, parquet);
    this.extent = geo == null ? null : geo.extent();
    this.longitude = geo == null ? -1 : avro.getField(geo.longitudeField()).pos();
    this.latitude = geo == null ? -1 : avro.getField(geo.latitudeField()).pos();
  }

  private static Node[] compileFields(Schema record, GroupType group) {
    List<Schema.Field> fields = record.getFields();
    Node[] plan = new Node[fields.size()];
    for (int i = 0; i < plan.length; i++) {
      plan[i] = compile(fields.get(i).name(), i, fields.get(i).schema(), group.getType(i));
    }
    return plan;
  }

  /**
   * The branch of a field's union with null that means null, or -1 for a field that is not such a union.
   *
   * @throws IllegalArgumentException for any other union
   */
  static int nullBranch(String name, Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return -1;
    }
    List<Schema> branches = s.getTypes();
    if (branches.size() != 2 || branches.stream().noneMatch(b -> b.getType() == Schema.Type.NULL)) {
      throw new IllegalArgumentException("field " + name + ": only a union with null is supported, got " + s);
    }
    return branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
  }

  /** The kind of a (non-union) field schema. */
  static Kind kind(String name, Schema s) {
    return switch (s.getType()) {
      case STRING, BYTES -> Kind.BINARY;
      case INT -> Kind.INT;
      case LONG -> Kind.LONG;
      case FLOAT -> Kind.FLOAT;
      case DOUBLE -> Kind.DOUBLE;
      case BOOLEAN -> Kind.BOOLEAN;
      case RECORD -> Kind.RECORD;
      case ARRAY -> Kind.LIST;
      default -> throw new IllegalArgumentException("field " + name + ": unsupported type " + s.getType());
    };
  }

  private static Node compile(String name, int index, Schema s, Type column) {
    int nullBranch = nullBranch(name, s);
    if (nullBranch >= 0) {
      s = s.getTypes().get(1 - nullBranch);
    }
    Kind kind = kind(name, s);
    if (kind == Kind.RECORD) {
      return new Node(name, index, kind, nullBranch, compileFields(s, column.asGroupType()), null, null, null);
    }
    if (kind != Kind.LIST) {
      return new Node(name, index, kind, nullBranch, null, null, null, null);
    }
    Type repeated = column.asGroupType().getType(0);
    boolean threeLevel = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
        && repeated.asGroupType().getType(0).getName().equals("element");
    Type elementColumn = threeLevel ? repeated.asGroupType().getType(0) : repeated;
    Node element = compile(elementColumn.getName(), 0, s.getElementType(), elementColumn);
    if (element.nullBranch >= 0) {
      throw new IllegalArgumentException("field " + name + ": arrays of nullable elements are not supported");
    }
    return new Node(name, index, kind, nullBranch, null, element, repeated.getName(),
        threeLevel ? elementColumn.getName() : null);
  }

  @Override
  public String getName() {
    return "avro";
  }

  @Override
  public WriteContext init(Configuration configuration) {
    Map<String, String> meta = new HashMap<>();
    meta.put(AVRO_SCHEMA_KEY, avro.toString());
    return new WriteContext(parquet, meta);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(byte[] row) {
    try {
      writeFields(row);
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IllegalStateException("an encoded row of " + row.length + " bytes cannot be decoded with the schema "
          + avro.getFullName() + ": it was written with another schema", e);
    }
    if (in.position() != row.length) {
      throw new IllegalStateException("an encoded row has " + row.length + " bytes but its fields used " + in.position()
          + ": it was not written with the schema " + avro.getFullName());
    }
    if (extent != null) {
      extent.add(x, y);
    }
  }

  private void writeFields(byte[] row) {
    in.reset(row, 0);
    out.startMessage();
    writeFields(plan, true);
    out.endMessage();
  }

  private void writeFields(Node[] fields, boolean top) {
    for (Node f : fields) {
      if (f.nullBranch >= 0 && in.readInt() == f.nullBranch) {
        if (top && f.index == longitude) {
          x = Double.NaN; // an unknown location: no point, not in the bbox
        } else if (top && f.index == latitude) {
          y = Double.NaN;
        }
        continue;
      }
      out.startField(f.name, f.index);
      if (top && f.kind == Kind.DOUBLE) {
        double d = in.readDouble();
        if (f.index == longitude) {
          x = d;
        } else if (f.index == latitude) {
          y = d;
        }
        out.addDouble(d);
      } else {
        writeValue(f);
      }
      out.endField(f.name, f.index);
    }
  }

  private void writeValue(Node f) {
    switch (f.kind) {
      case BINARY -> out.addBinary(readBinary());
      case INT -> out.addInteger(in.readInt());
      case LONG -> out.addLong(in.readLong());
      case FLOAT -> out.addFloat(Float.intBitsToFloat(in.readFixedInt()));
      case DOUBLE -> out.addDouble(in.readDouble());
      case BOOLEAN -> {
        out.addBoolean(in.array()[in.position()] != 0);
        in.skip(1);
      }
      case RECORD -> {
        out.startGroup();
        writeFields(f.fields, false);
        out.endGroup();
      }
      case LIST -> writeList(f);
    }
  }

  private void writeList(Node f) {
    out.startGroup();
    boolean started = false;
    for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
      if (!started) {
        out.startField(f.repeatedName, 0);
        started = true;
      }
      for (long k = 0; k < n; k++) {
        if (f.elementName == null) {
          writeValue(f.element);
        } else {
          out.startGroup();
          out.startField(f.elementName, 0);
          writeValue(f.element);
          out.endField(f.elementName, 0);
          out.endGroup();
        }
      }
    }
    if (started) {
      out.endField(f.repeatedName, 0);
    }
    out.endGroup();
  }

  @Override
  public FinalizedWriteContext finalizeWrite() {
    Map<String, String> meta = new HashMap<>();
    if (extent != null) {
      meta.put(GeoParquet.KEY, extent.json());
    }
    return new FinalizedWriteContext(meta);
  }

  private Binary readBinary() {
    int start = in.skipBytes();
    return Binary.fromReusedByteArray(in.array(), start, in.position() - start);
  }
}

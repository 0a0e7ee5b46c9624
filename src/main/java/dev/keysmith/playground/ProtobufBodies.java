package dev.keysmith.playground;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Decodes the Kubernetes protobuf request bodies that kubectl sends when it writes built-in kinds
 * through client-go's typed clients ({@code kubectl create namespace|secret|configmap}), for the
 * kinds served here that users create that way. Responses stay JSON, which those clients accept as
 * well. Field numbers are those of k8s.io/api and k8s.io/apimachinery's generated.proto.
 */
final class ProtobufBodies {

  private static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private enum Type {
    STRING,
    BYTES,
    BOOL,
    INT64,
    TIME,
    MESSAGE,
    STRING_MAP,
    BYTES_MAP,
    STRINGS,
    MESSAGES
  }

  private record Field(String name, Type type, Map<Integer, Field> message) {
    Field(String name, Type type) {
      this(name, type, null);
    }
  }

  private static final Map<Integer, Field> OWNER_REFERENCE =
      Map.of(
          5, new Field("apiVersion", Type.STRING),
          1, new Field("kind", Type.STRING),
          3, new Field("name", Type.STRING),
          4, new Field("uid", Type.STRING),
          6, new Field("controller", Type.BOOL),
          7, new Field("blockOwnerDeletion", Type.BOOL));

  private static final Map<Integer, Field> OBJECT_META =
      Map.ofEntries(
          Map.entry(1, new Field("name", Type.STRING)),
          Map.entry(2, new Field("generateName", Type.STRING)),
          Map.entry(3, new Field("namespace", Type.STRING)),
          Map.entry(5, new Field("uid", Type.STRING)),
          Map.entry(6, new Field("resourceVersion", Type.STRING)),
          Map.entry(7, new Field("generation", Type.INT64)),
          Map.entry(8, new Field("creationTimestamp", Type.TIME)),
          Map.entry(9, new Field("deletionTimestamp", Type.TIME)),
          Map.entry(10, new Field("deletionGracePeriodSeconds", Type.INT64)),
          Map.entry(11, new Field("labels", Type.STRING_MAP)),
          Map.entry(12, new Field("annotations", Type.STRING_MAP)),
          Map.entry(13, new Field("ownerReferences", Type.MESSAGES, OWNER_REFERENCE)),
          Map.entry(14, new Field("finalizers", Type.STRINGS)));

  private static final Field METADATA = new Field("metadata", Type.MESSAGE, OBJECT_META);

  private static final Map<String, Map<Integer, Field>> KINDS =
      Map.of(
          "Secret",
              Map.of(
                  1, METADATA,
                  5, new Field("immutable", Type.BOOL),
                  2, new Field("data", Type.BYTES_MAP),
                  4, new Field("stringData", Type.STRING_MAP),
                  3, new Field("type", Type.STRING)),
          "ConfigMap",
              Map.of(
                  1, METADATA,
                  4, new Field("immutable", Type.BOOL),
                  2, new Field("data", Type.STRING_MAP),
                  3, new Field("binaryData", Type.BYTES_MAP)),
          "Namespace",
              Map.of(
                  1,
                  METADATA,
                  2,
                  new Field(
                      "spec", Type.MESSAGE, Map.of(1, new Field("finalizers", Type.STRINGS)))));

  private ProtobufBodies() {}

  static boolean isProtobuf(String contentType) {
    return contentType != null && contentType.startsWith(CONTENT_TYPE);
  }

  /** The JSON form of a protobuf-encoded object ({@code k8s\0} + runtime.Unknown envelope). */
  static ObjectNode decode(byte[] body) {
    try {
      return decodeEnvelope(body);
    } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw ApiException.badRequest("malformed protobuf body: " + e);
    }
  }

  private static ObjectNode decodeEnvelope(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      throw ApiException.badRequest("not a Kubernetes protobuf object");
    }
    ByteBuffer envelope = ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length);
    String apiVersion = "";
    String kind = "";
    byte[] raw = new byte[0];
    while (envelope.hasRemaining()) {
      long tag = varint(envelope);
      int number = (int) (tag >>> 3);
      if (number == 1 && (tag & 7) == 2) {
        ByteBuffer typeMeta = sub(envelope);
        while (typeMeta.hasRemaining()) {
          long typeTag = varint(typeMeta);
          String value = string(sub(typeMeta));
          if (typeTag >>> 3 == 1) {
            apiVersion = value;
          } else if (typeTag >>> 3 == 2) {
            kind = value;
          }
        }
      } else if (number == 2 && (tag & 7) == 2) {
        raw = bytes(sub(envelope));
      } else {
        skip(envelope, (int) (tag & 7));
      }
    }
    Map<Integer, Field> fields = KINDS.get(kind);
    if (fields == null || !apiVersion.equals("v1")) {
      throw ApiException.unsupportedMediaType(
          "the Keysmith playground accepts " + apiVersion + " " + kind + " as JSON only");
    }
    ObjectNode object = message(ByteBuffer.wrap(raw), fields);
    object.put("apiVersion", apiVersion).put("kind", kind);
    return object;
  }

  private static ObjectNode message(ByteBuffer in, Map<Integer, Field> fields) {
    ObjectNode object = Json.object();
    while (in.hasRemaining()) {
      long tag = varint(in);
      Field field = fields.get((int) (tag >>> 3));
      if (field == null) {
        skip(in, (int) (tag & 7));
        continue;
      }
      switch (field.type()) {
        case STRING -> {
          // Go encodes unset strings as empty ones; JSON leaves them out.
          String value = string(sub(in));
          if (!value.isEmpty()) {
            object.put(field.name(), value);
          }
        }
        case BYTES -> object.put(field.name(), Base64.getEncoder().encodeToString(bytes(sub(in))));
        case BOOL -> object.put(field.name(), varint(in) != 0);
        case INT64 -> object.put(field.name(), varint(in));
        case TIME -> object.put(field.name(), time(sub(in)));
        case MESSAGE -> object.set(field.name(), message(sub(in), field.message()));
        case STRING_MAP, BYTES_MAP ->
            mapEntry(sub(in), Json.child(object, field.name()), field.type() == Type.BYTES_MAP);
        case STRINGS -> array(object, field.name()).add(string(sub(in)));
        case MESSAGES -> array(object, field.name()).add(message(sub(in), field.message()));
      }
    }
    return object;
  }

  private static void mapEntry(ByteBuffer entry, ObjectNode map, boolean bytesValue) {
    String key = "";
    String value = "";
    while (entry.hasRemaining()) {
      long tag = varint(entry);
      byte[] content = bytes(sub(entry));
      if (tag >>> 3 == 1) {
        key = new String(content, StandardCharsets.UTF_8);
      } else {
        value =
            bytesValue
                ? Base64.getEncoder().encodeToString(content)
                : new String(content, StandardCharsets.UTF_8);
      }
    }
    map.put(key, value);
  }

  private static String time(ByteBuffer in) {
    long seconds = 0;
    while (in.hasRemaining()) {
      long tag = varint(in);
      long value = varint(in);
      if (tag >>> 3 == 1) {
        seconds = value;
      }
    }
    return Instant.ofEpochSecond(seconds).toString();
  }

  private static ArrayNode array(ObjectNode object, String name) {
    return object.has(name) ? (ArrayNode) object.get(name) : object.putArray(name);
  }

  private static long varint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw ApiException.badRequest("malformed protobuf varint");
  }

  private static ByteBuffer sub(ByteBuffer in) {
    int length = (int) varint(in);
    ByteBuffer slice = in.slice();
    slice.limit(length);
    in.position(in.position() + length);
    return slice;
  }

  private static byte[] bytes(ByteBuffer in) {
    byte[] content = new byte[in.remaining()];
    in.get(content);
    return content;
  }

  private static String string(ByteBuffer in) {
    return new String(bytes(in), StandardCharsets.UTF_8);
  }

  private static void skip(ByteBuffer in, int wireType) {
    switch (wireType) {
      case 0 -> varint(in);
      case 1 -> in.position(in.position() + 8);
      case 2 -> sub(in);
      case 5 -> in.position(in.position() + 4);
      default -> throw ApiException.badRequest("unsupported protobuf wire type " + wireType);
    }
  }
}

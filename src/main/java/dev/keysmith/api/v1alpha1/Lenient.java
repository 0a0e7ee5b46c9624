package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a spec or status without ever failing. An informer that cannot read one object stops
 * watching all of them, so a single malformed object (possible on API servers that do not enforce
 * the CRD's schema) would stop Keysmith for every key. Instead, an unreadable spec becomes a marker
 * that the reconciler reports as InvalidSpec naming the field, and an unreadable status is dropped
 * and written anew.
 */
abstract class Lenient<T> extends StdDeserializer<T> {

  private final Function<String, T> unreadable;

  protected Lenient(Class<T> type, Function<String, T> unreadable) {
    super(type);
    this.unreadable = unreadable;
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode tree = parser.getCodec().readTree(parser);
    try {
      @SuppressWarnings("unchecked")
      T value = (T) parser.getCodec().treeToValue(tree, handledType());
      return value;
    } catch (JsonMappingException e) {
      return unreadable.apply(describe(e));
    }
  }

  /** {@code revoked: expected a boolean}, from where and what mapping failed; never the value. */
  static String describe(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    String expected =
        e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null
            ? "expected " + describe(mismatch.getTargetType())
            : "cannot be read";
    return (path.length() == 0 ? "" : path + ": ") + expected;
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      StringBuilder values = new StringBuilder("one of ");
      Object[] constants = type.getEnumConstants();
      for (int i = 0; i < constants.length; i++) {
        values.append(i == 0 ? "" : ", ").append(constants[i]);
      }
      return values.toString();
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  static final class KeySpec extends Lenient<ApiKeySpec> {
    KeySpec() {
      super(ApiKeySpec.class, ApiKeySpec::unreadable);
    }
  }

  static final class ChannelSpec extends Lenient<ApiChannelSpec> {
    ChannelSpec() {
      super(ApiChannelSpec.class, ApiChannelSpec::unreadable);
    }
  }

  static final class KeyStatus extends Lenient<ApiKeyStatus> {
    KeyStatus() {
      super(ApiKeyStatus.class, problem -> null);
    }
  }

  static final class ChannelStatus extends Lenient<ApiChannelStatus> {
    ChannelStatus() {
      super(ApiChannelStatus.class, problem -> null);
    }
  }
}

package dev.keysmith.playground;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A request the playground refuses, answered with a {@code Status} body as a real API server does,
 * so that kubectl prints its usual {@code Error from server (Reason): message}.
 */
final class ApiException extends RuntimeException {

  private final int code;
  private final String reason;
  private final ObjectNode details;

  private ApiException(int code, String reason, String message, ObjectNode details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null);
  }

  static ApiException notFound(String resource, String name) {
    ObjectNode details = Json.object().put("name", name).put("kind", resource);
    return new ApiException(404, "NotFound", resource + " \"" + name + "\" not found", details);
  }

  /** A path no API serves, e.g. a resource type that is not installed. */
  static ApiException notServed() {
    return new ApiException(
        404, "NotFound", "the server could not find the requested resource", null);
  }

  static ApiException unsupportedMediaType(String message) {
    return new ApiException(415, "UnsupportedMediaType", message, null);
  }

  static ApiException methodNotAllowed(String message) {
    return new ApiException(405, "MethodNotAllowed", message, null);
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, "Forbidden", message, null);
  }

  static ApiException conflict(String message) {
    return new ApiException(409, "Conflict", message, null);
  }

  /** 422 with one cause per field, the way admission reports schema violations. */
  static ApiException invalid(String kind, String group, String name, List<FieldError> errors) {
    ObjectNode details = Json.object().put("name", name).put("group", group).put("kind", kind);
    ArrayNode causes = details.putArray("causes");
    StringBuilder message = new StringBuilder();
    for (FieldError error : errors) {
      causes
          .addObject()
          .put("reason", error.reason())
          .put("message", error.message())
          .put("field", error.field());
      message.append(message.length() == 0 ? "" : ", ").append(error);
    }
    String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
    return new ApiException(
        422, "Invalid", qualifiedKind + " \"" + name + "\" is invalid: " + message, details);
  }

  int code() {
    return code;
  }

  ObjectNode status() {
    ObjectNode status =
        Json.object()
            .put("kind", "Status")
            .put("apiVersion", "v1")
            .put("status", "Failure")
            .put("message", getMessage())
            .put("reason", reason)
            .put("code", code);
    status.putObject("metadata");
    if (details != null) {
      status.set("details", details);
    }
    return status;
  }

  /** One violation of a field, named by its dotted path as in Kubernetes' field errors. */
  record FieldError(String field, String reason, String message) {
    @Override
    public String toString() {
      return field + ": " + message;
    }
  }
}

package dev.keysmith.lifecycle;

import dev.keysmith.credentials.Hashes;
import dev.keysmith.support.SpecProblems;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rotation requests already handled for a key, as recorded in its Secret (written in the same
 * update as the rotation they caused, so a crash can neither lose nor repeat one).
 *
 * <p>Each distinct value of a trigger rotates exactly once: going back to an earlier value does
 * not rotate again, because every handled value is remembered, as a short hash, up to {@link
 * #REMEMBERED} of them.
 */
public final class RotationRequests {

  /** The spec field trigger. */
  public static final String SPEC = "spec.rotationRequest";
  /** The annotation trigger. */
  public static final String ANNOTATION = "annotation keysmith.dev/rotate-request";

  public static final int REMEMBERED = 64;

  private final List<String> handled;

  private RotationRequests(List<String> handled) {
    this.handled = List.copyOf(handled);
  }

  public static RotationRequests none() {
    return new RotationRequests(List.of());
  }

  /** Parses the recorded form: hashes separated by commas, most recent first. */
  public static RotationRequests parse(String recorded) {
    if (recorded == null || recorded.isBlank()) {
      return none();
    }
    return new RotationRequests(List.of(recorded.split(",")));
  }

  public String format() {
    return String.join(",", handled);
  }

  public boolean isHandled(String trigger, String value) {
    return handled.contains(token(trigger, value));
  }

  /** The first of the given triggers whose current value was not handled yet. */
  public Optional<String> firstNew(String specValue, String annotationValue) {
    if (specValue != null && !isHandled(SPEC, specValue)) {
      return Optional.of(SPEC + " " + quote(specValue));
    }
    if (annotationValue != null && !isHandled(ANNOTATION, annotationValue)) {
      return Optional.of(ANNOTATION + " " + quote(annotationValue));
    }
    return Optional.empty();
  }

  /** These requests plus the current values of both triggers, most recent first. */
  public RotationRequests with(String specValue, String annotationValue) {
    Set<String> next = new LinkedHashSet<>();
    if (specValue != null) {
      next.add(token(SPEC, specValue));
    }
    if (annotationValue != null) {
      next.add(token(ANNOTATION, annotationValue));
    }
    next.addAll(handled);
    List<String> bounded = new ArrayList<>(next);
    return new RotationRequests(bounded.subList(0, Math.min(REMEMBERED, bounded.size())));
  }

  private static String token(String trigger, String value) {
    return Hashes.sha256Hex((trigger + "\n" + value).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  private static String quote(String value) {
    return SpecProblems.quote(value);
  }
}

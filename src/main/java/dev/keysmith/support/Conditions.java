package dev.keysmith.support;

import dev.keysmith.api.v1alpha1.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds condition lists the way kstatus and {@code kubectl wait} expect them. */
public final class Conditions {

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  public static Condition of(String type, boolean status, String reason, String message) {
    return new Condition(type, status ? TRUE : FALSE, reason, message);
  }

  /**
   * The desired conditions, each stamped with {@code generation}; a condition keeps its previous
   * {@code lastTransitionTime} unless its status changed.
   */
  public static List<Condition> merge(
      List<Condition> previous, List<Condition> desired, Long generation, Instant now) {
    List<Condition> merged = new ArrayList<>(desired.size());
    for (Condition wanted : desired) {
      Condition before = find(previous, wanted.getType());
      Condition next = new Condition(wanted.getType(), wanted.getStatus(), wanted.getReason(), wanted.getMessage());
      next.setObservedGeneration(generation);
      next.setLastTransitionTime(
          before != null
                  && Objects.equals(before.getStatus(), wanted.getStatus())
                  && before.getLastTransitionTime() != null
              ? before.getLastTransitionTime()
              : Timestamps.format(Timestamps.truncate(now)));
      merged.add(next);
    }
    return merged;
  }

  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    Condition condition = find(conditions, type);
    return condition != null && TRUE.equals(condition.getStatus());
  }
}

package dev.keysmith.apichannel;

import dev.keysmith.api.v1alpha1.LabelSelectorRequirement;
import dev.keysmith.api.v1alpha1.NamespaceSelector;
import dev.keysmith.api.v1alpha1.NamespacesFrom;
import dev.keysmith.support.KubernetesNames;
import dev.keysmith.support.SpecProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which namespaces may bind keys to a channel: its own, all, or those matching a selector. */
public record NamespaceAccess(
    NamespacesFrom from, Map<String, String> matchLabels, List<Requirement> requirements) {

  public static final NamespaceAccess SAME = new NamespaceAccess(NamespacesFrom.Same, Map.of(), List.of());
  public static final NamespaceAccess ALL = new NamespaceAccess(NamespacesFrom.All, Map.of(), List.of());

  /** One parsed matchExpressions entry. */
  public record Requirement(String key, String operator, Set<String> values) {

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        default -> value == null; // DoesNotExist
      };
    }
  }

  static NamespaceAccess selector(SpecProblems problems, String field, NamespaceSelector selector) {
    Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    labels.forEach(
        (key, value) -> {
          if (!KubernetesNames.isQualifiedName(key)) {
            problems.add(field + ".matchLabels", key, "is not a valid label key");
          } else if (!KubernetesNames.isLabelValue(value)) {
            problems.add(field + ".matchLabels[" + key + "]", String.valueOf(value), "is not a valid label value");
          }
        });
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    List<Requirement> requirements = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement e = expressions.get(i);
      String at = field + ".matchExpressions[" + i + "]";
      List<String> values = e.getValues() == null ? List.of() : e.getValues();
      if (e.getKey() == null || !KubernetesNames.isQualifiedName(e.getKey())) {
        problems.add(at + ".key", String.valueOf(e.getKey()), "is not a valid label key");
        continue;
      }
      String operator = e.getOperator() == null ? "" : e.getOperator();
      switch (operator) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            problems.add(at + ".values", "must not be empty for operator " + operator);
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            problems.add(at + ".values", "must be empty for operator " + operator);
          }
        }
        default -> {
          problems.add(at + ".operator", operator, "must be In, NotIn, Exists or DoesNotExist");
          continue;
        }
      }
      requirements.add(new Requirement(e.getKey(), operator, Set.copyOf(values)));
    }
    if (labels.isEmpty() && expressions.isEmpty()) {
      problems.add(field, "must have matchLabels or matchExpressions (use from: All for every namespace)");
    }
    return new NamespaceAccess(NamespacesFrom.Selector, Map.copyOf(labels), List.copyOf(requirements));
  }

  /**
   * Whether a key in {@code keyNamespace}, whose labels are {@code keyNamespaceLabels} (null when
   * the namespace is not known), may bind to a channel in {@code channelNamespace}. The channel's
   * own namespace is always allowed.
   */
  public boolean allows(
      String channelNamespace, String keyNamespace, Map<String, String> keyNamespaceLabels) {
    if (channelNamespace.equals(keyNamespace)) {
      return true;
    }
    return switch (from) {
      case Same -> false;
      case All -> true;
      case Selector ->
          keyNamespaceLabels != null
              && matchLabels.entrySet().stream()
                  .allMatch(e -> e.getValue().equals(keyNamespaceLabels.get(e.getKey())))
              && requirements.stream().allMatch(r -> r.matches(keyNamespaceLabels));
    };
  }

  public String describe() {
    return switch (from) {
      case Same -> "only its own namespace";
      case All -> "all namespaces";
      case Selector -> "namespaces matching its allowedNamespaces.selector";
    };
  }
}

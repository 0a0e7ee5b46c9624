package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/** A label selector over namespaces, as in Kubernetes: all requirements must match. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NamespaceSelector {

  @Size(max = 64)
  @JsonPropertyDescription("Labels a namespace must carry, all of them.")
  private Map<String, @Size(max = 63) String> matchLabels;

  @Size(max = 32)
  @JsonPropertyDescription("Further requirements on the namespace's labels, all of them.")
  private List<LabelSelectorRequirement> matchExpressions;

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public void setMatchLabels(Map<String, String> matchLabels) {
    this.matchLabels = matchLabels;
  }

  public List<LabelSelectorRequirement> getMatchExpressions() {
    return matchExpressions;
  }

  public void setMatchExpressions(List<LabelSelectorRequirement> matchExpressions) {
    this.matchExpressions = matchExpressions;
  }
}

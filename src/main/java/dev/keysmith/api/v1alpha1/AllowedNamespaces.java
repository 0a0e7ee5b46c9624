package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Which namespaces may bind ApiKeys to the channel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.from) || self.from != 'Selector' || has(self.selector)", message = "selector is required when from is Selector")
@ValidationRule(value = "!has(self.selector) || (has(self.from) && self.from == 'Selector')", message = "selector applies only when from is Selector")
public class AllowedNamespaces {

  @JsonPropertyDescription(
      "Same (only the channel's namespace), All, or Selector (namespaces matching selector). "
          + "Defaults to Same.")
  private NamespacesFrom from;

  @JsonPropertyDescription("Label selector over namespaces; required when from is Selector.")
  private NamespaceSelector selector;

  public NamespacesFrom getFrom() {
    return from;
  }

  public void setFrom(NamespacesFrom from) {
    this.from = from;
  }

  public NamespaceSelector getSelector() {
    return selector;
  }

  public void setSelector(NamespaceSelector selector) {
    this.selector = selector;
  }
}

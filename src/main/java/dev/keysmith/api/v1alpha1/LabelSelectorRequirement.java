package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One requirement of a label selector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LabelSelectorRequirement {

  @Required
  @Size(max = 317)
  @JsonPropertyDescription("The label key the requirement applies to.")
  private String key;

  @Required
  @Pattern("^(In|NotIn|Exists|DoesNotExist)$")
  @JsonPropertyDescription("One of In, NotIn, Exists, DoesNotExist.")
  private String operator;

  @Size(max = 64)
  @JsonPropertyDescription("Values for In and NotIn; empty for Exists and DoesNotExist.")
  private List<@Size(max = 63) String> values;

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getOperator() {
    return operator;
  }

  public void setOperator(String operator) {
    this.operator = operator;
  }

  public List<String> getValues() {
    return values;
  }

  public void setValues(List<String> values) {
    this.values = values;
  }
}

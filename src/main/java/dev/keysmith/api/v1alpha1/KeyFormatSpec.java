package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** How generated credentials look. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyFormatSpec {

  @Size(max = 12)
  @Pattern(Formats.KEY_PREFIX)
  @JsonPropertyDescription(
      "Prefix of generated keys and ids, e.g. pay gives pay_3kT9...: a lower-case letter, then "
          + "1 to 11 lower-case letters or digits. Defaults to the lower-case protocol name (rest, "
          + "http, ftp, webservice, email).")
  private String prefix;

  @Min(22)
  @Max(128)
  @JsonPropertyDescription(
      "Number of random base62 characters in a generated key or password, 22 to 128 (22 "
          + "characters carry more than 128 bits). Defaults to 32.")
  private Integer length;

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public Integer getLength() {
    return length;
  }

  public void setLength(Integer length) {
    this.length = length;
  }
}

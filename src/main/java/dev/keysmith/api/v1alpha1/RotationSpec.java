package dev.keysmith.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** When a credential is replaced by a new one, and how long the old one keeps working. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.every) && has(self.schedule))",
    message = "every and schedule are mutually exclusive")
@ValidationRule(
    value = "!has(self.timeZone) || has(self.schedule)",
    message = "timeZone applies only to schedule")
public class RotationSpec {

  @Size(max = 64)
  @Pattern(Formats.DURATION)
  @ValidationRule(value = "duration(self) >= duration('10s')", message = "must be at least 10s")
  @JsonPropertyDescription(
      "Rotate at this interval after the current credential was issued, e.g. 720h. At least 10s."
          + " Mutually exclusive with schedule.")
  private String every;

  @Size(max = 128)
  @Pattern(Formats.CRON)
  @JsonPropertyDescription(
      "Rotate at the instants of this 5-field cron expression (minute hour day-of-month month"
          + " day-of-week), e.g. \"0 3 * * MON\". Mutually exclusive with every.")
  private String schedule;

  @Size(max = 64)
  @Pattern(Formats.TIME_ZONE)
  @JsonPropertyDescription(
      "IANA time zone in which schedule is read, e.g. Europe/Berlin. Defaults to UTC.")
  private String timeZone;

  @Size(max = 64)
  @Pattern(Formats.DURATION)
  @JsonPropertyDescription(
      "How long the previous credential stays valid after a rotation, e.g. 24h. Defaults to 0s"
          + " (the previous credential stops working at once). Applies to scheduled and manual"
          + " rotations.")
  private String gracePeriod;

  public String getEvery() {
    return every;
  }

  public void setEvery(String every) {
    this.every = every;
  }

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getGracePeriod() {
    return gracePeriod;
  }

  public void setGracePeriod(String gracePeriod) {
    this.gracePeriod = gracePeriod;
  }
}

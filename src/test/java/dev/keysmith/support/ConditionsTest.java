package dev.keysmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keysmith.api.v1alpha1.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-23T11:00:00Z");

  @Test
  void keepsTransitionTimeWhileStatusIsUnchangedEvenIfReasonChanges() {
    List<Condition> first =
        Conditions.merge(List.of(), List.of(Conditions.of("Ready", false, "ChannelNotFound", "a")), 1L, T0);
    List<Condition> second =
        Conditions.merge(first, List.of(Conditions.of("Ready", false, "InvalidSpec", "b")), 2L, T1);

    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(second.get(0).getReason()).isEqualTo("InvalidSpec");
    assertThat(second.get(0).getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void stampsANewTransitionTimeWhenStatusFlips() {
    List<Condition> first =
        Conditions.merge(List.of(), List.of(Conditions.of("Ready", false, "ChannelNotFound", "a")), 1L, T0);
    List<Condition> second =
        Conditions.merge(first, List.of(Conditions.of("Ready", true, "Issued", "b")), 1L, T1);

    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-11-23T11:00:00Z");
    assertThat(second.get(0).getStatus()).isEqualTo("True");
  }
}

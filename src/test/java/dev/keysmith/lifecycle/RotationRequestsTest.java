package dev.keysmith.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RotationRequestsTest {

  @Test
  void eachDistinctValueOfEachTriggerCountsOnce() {
    RotationRequests handled = RotationRequests.none().with("a", null);

    assertThat(handled.firstNew("a", null)).isEmpty();
    assertThat(handled.firstNew("b", null)).contains("spec.rotationRequest \"b\"");
    assertThat(handled.firstNew("a", "a")).contains("annotation keysmith.dev/rotate-request \"a\"");
  }

  @Test
  void goingBackToAnEarlierValueIsNotNew() {
    RotationRequests handled = RotationRequests.none().with("a", null).with("b", null);

    assertThat(handled.firstNew("a", null)).isEmpty();
    assertThat(handled.firstNew("b", null)).isEmpty();
  }

  @Test
  void survivesItsRecordedForm() {
    RotationRequests handled = RotationRequests.parse(RotationRequests.none().with("a", "x").format());

    assertThat(handled.firstNew("a", "x")).isEmpty();
    assertThat(handled.isHandled(RotationRequests.SPEC, "x")).isFalse();
  }

  @Test
  void remembersABoundedNumberOfValues() {
    RotationRequests handled = RotationRequests.none();
    for (int i = 0; i < 100; i++) {
      handled = handled.with("v" + i, null);
    }
    assertThat(handled.format().split(",")).hasSize(RotationRequests.REMEMBERED);
    assertThat(handled.firstNew("v99", null)).isEmpty();
    assertThat(handled.firstNew("v0", null)).isPresent();
  }
}

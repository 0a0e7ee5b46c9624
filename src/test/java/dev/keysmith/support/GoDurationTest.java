package dev.keysmith.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "90s, PT1M30S",
    "15m, PT15M",
    "720h, PT720H",
    "1h30m, PT1H30M",
    "1.5h, PT1H30M",
    "500ms, PT0.5S",
    "0s, PT0S",
    "2h45m30s, PT2H45M30S",
    "1µs, PT0.000001S",
    "1us, PT0.000001S",
    "10ns, PT0.00000001S"
  })
  void parsesGoDurations(String text, Duration expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "3 days", "1d", "-5m", "h", "5", "1h 30m", "PT1H", "1.h", "9999999999h"})
  void rejectsWhatGoWouldNotParseOrWhatIsNegativeOrAbsurd(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"PT1M30S, 1m30s", "PT720H, 720h", "PT0S, 0s", "PT1.25S, 1.25s", "PT2H0M5S, 2h5s"})
  void formatsCompactly(Duration duration, String expected) {
    assertThat(GoDuration.format(duration)).isEqualTo(expected);
  }
}

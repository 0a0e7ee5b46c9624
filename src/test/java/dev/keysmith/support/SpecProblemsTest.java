package dev.keysmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecProblemsTest {

  @Test
  void namesTheFieldAndQuotesTheValue() {
    SpecProblems problems = new SpecProblems();
    problems.parse("spec.validFor", "3 days", GoDuration::parse);
    assertThat(problems.list())
        .containsExactly(
            "spec.validFor: \"3 days\" is not a duration such as 90s, 15m, 720h or 1h30m");
  }

  @Test
  void escapesControlCharactersAndShortensHugeValues() {
    assertThat(SpecProblems.quote("a\"b\nc\u202Ed")).isEqualTo("\"a\\\"b\\u000ac\\u202ed\"");
    assertThat(SpecProblems.quote("x".repeat(10_000))).isEqualTo("\"" + "x".repeat(64) + "...\"");
    assertThat(SpecProblems.quote("日本語🔑")).isEqualTo("\"日本語🔑\"");
  }
}

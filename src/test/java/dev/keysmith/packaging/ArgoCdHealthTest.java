package dev.keysmith.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The Argo CD health checks in docs/argocd, run the way Argo CD runs them: the object as a Lua
 * table in the global {@code obj}, the script returning {@code {status, message}}, with the
 * base, table, string and math libraries only (no io, no os).
 */
class ArgoCdHealthTest {

  private static final Path ARGOCD = Path.of("docs/argocd");

  record Health(String status, String message) {}

  @Test
  void apiKeyWithoutStatusWaitsForTheOperator() {
    assertThat(apiKey(3, null))
        .isEqualTo(new Health("Progressing", "Waiting for the operator to observe the latest spec"));
  }

  @Test
  void apiKeyWhoseLatestSpecIsNotObservedYetIsProgressingWhateverItsOldStatusSays() {
    assertThat(apiKey(4, keyStatus(3, "Active", "True", "Issued", "The credential is issued")))
        .isEqualTo(new Health("Progressing", "Waiting for the operator to observe the latest spec"));
    assertThat(apiKey(4, "{phase: Active}"))
        .as("status without observedGeneration")
        .isEqualTo(new Health("Progressing", "Waiting for the operator to observe the latest spec"));
  }

  @ParameterizedTest(name = "{0} with Ready={1} ({2}) is {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Active    | True  | Issued              | The credential is issued | Healthy | The credential is issued",
        "Active    | True  | Rotated             | Rotated by schedule | Healthy | Rotated by schedule",
        "Active    | False | Issued              | Secret being written | Progressing | Secret being written",
        "Pending   | False | ChannelNotFound     | ApiChannel payments/rest not found | Progressing | ApiChannel payments/rest not found",
        "Pending   | False | QuotaExceeded       | The channel allows 2 active keys | Progressing | The channel allows 2 active keys",
        "Suspended | False | ChannelInactive     | The channel is inactive; the credential is kept | Suspended | The channel is inactive; the credential is kept",
        "Expired   | False | Expired             | The key expired at 2026-01-01T00:00:00Z and its credential was destroyed | Degraded | The key expired at 2026-01-01T00:00:00Z and its credential was destroyed",
        "Revoked   | False | Revoked             | The key was revoked and its credential destroyed | Healthy | Revoked as declared by spec.revoked: The key was revoked and its credential destroyed",
        "Failed    | False | InvalidSpec         | spec.validFor: must be at least 1s | Degraded | spec.validFor: must be at least 1s",
        "Failed    | False | SecretConflict      | Secret app-credentials exists and is not owned by this key | Degraded | Secret app-credentials exists and is not owned by this key",
        "Failed    | False | TypeNotAllowed      | Basic is not among the channel's keyTypes | Degraded | Basic is not among the channel's keyTypes"
      })
  void apiKeyHealthFollowsItsPhaseAndReadyCondition(
      String phase, String ready, String reason, String message, String status, String expected) {
    assertThat(apiKey(2, keyStatus(2, phase, ready, reason, message))).isEqualTo(new Health(status, expected));
  }

  @Test
  void apiKeyWithoutReadyConditionFallsBackToItsPhase() {
    assertThat(apiKey(1, "{observedGeneration: 1, phase: Expired}")).isEqualTo(new Health("Degraded", "The key expired"));
    assertThat(apiKey(1, "{observedGeneration: 1, phase: Active}"))
        .isEqualTo(new Health("Progressing", "Waiting for the operator"));
    assertThat(apiKey(1, "{observedGeneration: 1}")).isEqualTo(new Health("Progressing", "Waiting for the operator"));
  }

  @Test
  void apiChannelWithoutStatusOrWithAStaleOneWaitsForTheOperator() {
    Health waiting = new Health("Progressing", "Waiting for the operator to observe the latest spec");
    assertThat(apiChannel(1, null)).isEqualTo(waiting);
    assertThat(apiChannel(5, channelStatus(4, "True", "Published", "Keyring x revision 3 lists 2 credentials", "True")))
        .isEqualTo(waiting);
  }

  @ParameterizedTest(name = "Ready={0} ({1}), Active={3} is {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "True  | Published       | Keyring payments-rest-keyring revision 41 lists 12 credentials | True  | Healthy     | Keyring payments-rest-keyring revision 41 lists 12 credentials",
        "False | InvalidSpec     | spec.keyFormat.length: must be between 22 and 128 | True | Degraded | spec.keyFormat.length: must be between 22 and 128",
        "False | KeyringTooLarge | The keyring holds 4800 credentials, the most a 1 MiB Secret fits | True | Degraded | The keyring holds 4800 credentials, the most a 1 MiB Secret fits",
        "False | SecretConflict  | Secret payments-keyring exists and is not owned by this channel | True | Degraded | Secret payments-keyring exists and is not owned by this channel",
        "False | InvalidSpec     | spec.protocol: must be set | False | Degraded | spec.protocol: must be set",
        "True  | Published       | Keyring x revision 2 lists 0 credentials | False | Suspended | spec.active is false: every key of this channel is suspended",
        "False | Publishing      | The keyring is being written | False | Suspended | spec.active is false: every key of this channel is suspended",
        "False | Publishing      | The keyring is being written | True  | Progressing | The keyring is being written"
      })
  void apiChannelHealthFollowsReadyAndActive(
      String ready, String reason, String message, String active, String status, String expected) {
    assertThat(apiChannel(7, channelStatus(7, ready, reason, message, active)))
        .isEqualTo(new Health(status, expected));
  }

  @Test
  void apiChannelWithoutConditionsIsProgressing() {
    assertThat(apiChannel(1, "{observedGeneration: 1}"))
        .isEqualTo(new Health("Progressing", "Waiting for the keyring to be published"));
  }

  @Test
  void argocdConfigMapSnippetCarriesExactlyTheseScripts() {
    JsonNode data = RenderedChart.readYaml(read("argocd-cm.yaml")).path("data");

    assertThat(data.properties()).hasSize(2);
    assertThat(data.path("resource.customizations.health.keysmith.dev_ApiKey").asText())
        .isEqualTo(read("apikey-health.lua"));
    assertThat(data.path("resource.customizations.health.keysmith.dev_ApiChannel").asText())
        .isEqualTo(read("apichannel-health.lua"));
  }

  private static Health apiKey(long generation, String status) {
    return run("apikey-health.lua", object("ApiKey", generation, status));
  }

  private static Health apiChannel(long generation, String status) {
    return run("apichannel-health.lua", object("ApiChannel", generation, status));
  }

  private static String object(String kind, long generation, String status) {
    return "{apiVersion: keysmith.dev/v1alpha1, kind: " + kind + ", metadata: {name: x, namespace: payments,"
        + " generation: " + generation + "}, spec: {}"
        + (status == null ? "" : ", status: " + status) + "}";
  }

  private static String keyStatus(long observed, String phase, String ready, String reason, String message) {
    return "{observedGeneration: " + observed + ", phase: " + phase + ", conditions: ["
        + condition("Ready", ready, reason, message, observed) + ", "
        + condition("Activated", ready, reason, message, observed) + "]}";
  }

  private static String channelStatus(long observed, String ready, String reason, String message, String active) {
    String activeMessage = active.equals("True")
        ? "Keys of this channel are accepted"
        : "spec.active is false: every key of this channel is suspended";
    return "{observedGeneration: " + observed + ", keys: {active: 12, pending: 0}, conditions: ["
        + condition("Ready", ready, reason, message, observed) + ", "
        + condition("Active", active, active.equals("True") ? "Active" : "Inactive", activeMessage, observed) + "]}";
  }

  private static String condition(String type, String status, String reason, String message, long generation) {
    return "{type: " + type + ", status: '" + status + "', reason: " + reason + ", message: \"" + message
        + "\", observedGeneration: " + generation + ", lastTransitionTime: '2026-11-23T08:00:00Z'}";
  }

  private static Health run(String script, String objectYaml) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    globals.load(new StringLib());
    globals.load(new JseMathLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(RenderedChart.readYaml(objectYaml)));
    LuaValue hs = globals.load(read(script), script).call();
    return new Health(hs.get("status").tojstring(), hs.get("message").tojstring());
  }

  /** As Argo CD converts an object: maps and lists to tables (lists from 1), numbers, booleans, strings. */
  private static LuaValue toLua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      int index = 1;
      for (JsonNode item : node) {
        table.set(index++, toLua(item));
      }
      return table;
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }

  private static String read(String file) {
    try {
      return Files.readString(ARGOCD.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.keysmith.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.ApiKeyStatus;
import dev.keysmith.api.v1alpha1.Condition;
import dev.keysmith.api.v1alpha1.KeyPhase;
import dev.keysmith.api.v1alpha1.KeyType;
import dev.keysmith.testing.Fixtures;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's kubectl session against the playground API: the real kubectl binary, with
 * validation, server-side printing, watches and all, as against a cluster. The operator does not
 * run here; where a test needs status, it writes it itself.
 */
class PlaygroundKubectlTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir static Path dir;

  private static PlaygroundApiServer server;
  private static KubernetesClient client;
  private static Kubectl kubectl;

  private String ns;

  @BeforeAll
  static void startServer() {
    Kubectl.assumeInstalled();
    server = new PlaygroundApiServer(0).start();
    client = server.client();
    kubectl =
        new Kubectl(server.writeKubeconfig(dir.resolve("config/kubeconfig")), dir.resolve("cache"));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void namespace() {
    ns = new Fixtures(client).namespace("kubectl");
  }

  @Test
  void apiResourcesListTheKeysmithKindsWithShortNamesAndCategory() {
    String resources = kubectl.run("api-resources").succeeded().out();

    assertThat(resources)
        .containsPattern("apichannels\\s+ach\\s+keysmith.dev/v1alpha1\\s+true\\s+ApiChannel")
        .containsPattern("apikeys\\s+ak\\s+keysmith.dev/v1alpha1\\s+true\\s+ApiKey")
        .containsPattern("secrets\\s+v1\\s+true\\s+Secret")
        .containsPattern("leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease");
    assertThat(
            kubectl.run("api-resources", "--categories=keysmith", "-o", "name").succeeded().out())
        .isEqualTo("apichannels.keysmith.dev\napikeys.keysmith.dev");
  }

  @Test
  void appliesWithValidationAndPrintsTheCrdColumns() {
    String manifests = channelAndKey(ns);

    assertThat(kubectl.runWithInput(manifests, "apply", "-f", "-").succeeded().out())
        .contains(
            "apichannel.keysmith.dev/payments created", "apikey.keysmith.dev/billing created");
    assertThat(kubectl.runWithInput(manifests, "apply", "-f", "-").succeeded().out())
        .contains(
            "apichannel.keysmith.dev/payments unchanged", "apikey.keysmith.dev/billing unchanged");

    assertThat(kubectl.run("get", "ak", "-n", ns).succeeded().out())
        .containsPattern(
            "NAME\\s+TYPE\\s+CHANNEL\\s+PHASE\\s+READY\\s+SECRET\\s+EXPIRES\\s+NEXT-ROTATION\\s+AGE")
        .containsPattern("billing\\s+payments\\s+\\d+s");
    assertThat(kubectl.run("get", "apichannels", "-n", ns).succeeded().out())
        .containsPattern("NAME\\s+PROTOCOL\\s+ACTIVE\\s+KEYS\\s+READY\\s+AGE")
        .containsPattern("payments\\s+REST");
    assertThat(kubectl.run("get", "ak,ach", "-A").succeeded().out())
        .containsPattern(ns + "\\s+apikey.keysmith.dev/billing\\s+payments")
        .containsPattern(ns + "\\s+apichannel.keysmith.dev/payments\\s+REST");
    assertThat(kubectl.run("get", "keysmith", "-n", ns, "-o", "name").succeeded().out())
        .isEqualTo("apichannel.keysmith.dev/payments\napikey.keysmith.dev/billing");
  }

  @Test
  void rejectsWhatTheCrdSchemaRejects() {
    String typo = key(ns, "typo", "channelRef: {name: payments}\nchanelRef: {}");
    Kubectl.Result unknownField = kubectl.runWithInput(typo, "apply", "-f", "-");
    Kubectl.Result badEnum =
        kubectl.runWithInput(
            key(ns, "enum", "channelRef: {name: payments}\ntype: Secret"), "apply", "-f", "-");
    Kubectl.Result missing =
        kubectl.runWithInput(key(ns, "empty", "displayName: no channel"), "apply", "-f", "-");

    assertThat(unknownField.exitCode()).isNotZero();
    assertThat(unknownField.err()).contains("unknown field \"spec.chanelRef\"");
    assertThat(badEnum.exitCode()).isNotZero();
    assertThat(badEnum.err()).contains("spec.type: Unsupported value: \"Secret\"");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("spec.channelRef: Required value");
    assertThat(client.resources(ApiKey.class).inNamespace(ns).list().getItems()).isEmpty();

    // Without validation the server prunes what the schema does not declare, as a cluster does.
    kubectl.runWithInput(typo, "apply", "--validate=false", "-f", "-").succeeded();
    assertThat(
            client
                .genericKubernetesResources("keysmith.dev/v1alpha1", "ApiKey")
                .inNamespace(ns)
                .withName("typo")
                .get()
                .getAdditionalProperties()
                .get("spec"))
        .isEqualTo(Map.of("channelRef", Map.of("name", "payments")));
  }

  @Test
  void describeShowsTheKeyAndItsEvents() {
    kubectl.runWithInput(channelAndKey(ns), "apply", "-f", "-").succeeded();
    ApiKey key = client.resources(ApiKey.class).inNamespace(ns).withName("billing").get();
    client
        .v1()
        .events()
        .inNamespace(ns)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("billing.1")
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("keysmith.dev/v1alpha1")
                .withKind("ApiKey")
                .withName("billing")
                .withNamespace(ns)
                .withUid(key.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Normal")
                .withReason("Issued")
                .withMessage("Issued credential revision 1")
                .withLastTimestamp(Instant.now().toString())
                .withCount(1)
                .withNewSource()
                .withComponent("keysmith")
                .endSource()
                .build())
        .create();
    client
        .v1()
        .events()
        .inNamespace(ns)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("other.1")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("ApiKey")
                .withName("other")
                .withNamespace(ns)
                .endInvolvedObject()
                .withType("Warning")
                .withReason("InvalidSpec")
                .withMessage("about another key")
                .build())
        .create();

    String described = kubectl.run("describe", "ak", "billing", "-n", ns).succeeded().out();

    assertThat(described)
        .contains("Display Name:  Billing service -> Payments API")
        .containsPattern("Normal\\s+Issued\\s+\\S+\\s+keysmith\\s+Issued credential revision 1")
        .doesNotContain("about another key");
    assertThat(kubectl.run("get", "events", "-n", ns).succeeded().out())
        .containsPattern("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE")
        .containsPattern("Normal\\s+Issued\\s+apikey/billing\\s+Issued credential revision 1");
    assertThat(
            kubectl
                .run(
                    "get",
                    "events",
                    "-n",
                    ns,
                    "--field-selector",
                    "reason=InvalidSpec",
                    "-o",
                    "name")
                .succeeded()
                .out())
        .isEqualTo("event/other.1");
  }

  @Test
  void annotatesPatchesAndRemovesAnnotations() {
    kubectl.runWithInput(channelAndKey(ns), "apply", "-f", "-").succeeded();

    kubectl
        .run("annotate", "ak", "billing", "-n", ns, "keysmith.dev/rotate-request=x", "--overwrite")
        .succeeded();
    kubectl
        .run(
            "patch",
            "ak",
            "billing",
            "-n",
            ns,
            "--type",
            "merge",
            "-p",
            "{\"spec\":{\"revoked\":true}}")
        .succeeded();
    ApiKey patched = client.resources(ApiKey.class).inNamespace(ns).withName("billing").get();
    kubectl.run("annotate", "ak", "billing", "-n", ns, "keysmith.dev/rotate-request-").succeeded();
    ApiKey unannotated = client.resources(ApiKey.class).inNamespace(ns).withName("billing").get();

    assertThat(patched.getMetadata().getAnnotations())
        .containsEntry("keysmith.dev/rotate-request", "x");
    assertThat(patched.getSpec().getRevoked()).isTrue();
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(unannotated.getMetadata().getAnnotations())
        .doesNotContainKey("keysmith.dev/rotate-request");
  }

  @Test
  void explainsTheCrdFields() {
    assertThat(kubectl.run("explain", "apikey.spec").succeeded().out())
        .contains(
            "KIND:       ApiKey",
            "VERSION:    v1alpha1",
            "channelRef\t<Object> -required-",
            "The ApiChannel this key belongs to.");
    assertThat(kubectl.run("explain", "apichannel.spec.protocol").succeeded().out())
        .containsPattern("ENUM:\\s+Email\\s+FTP\\s+HTTP\\s+REST\\s+WebService");
    assertThat(kubectl.run("explain", "apikey.metadata.ownerReferences").succeeded().out())
        .contains("garbage-collected");
  }

  @Test
  void waitsForTheReadyConditionWrittenToStatus() {
    kubectl.runWithInput(channelAndKey(ns), "apply", "-f", "-").succeeded();
    Kubectl.Result notYet =
        kubectl.run("wait", "--for=condition=Ready", "apikey/billing", "-n", ns, "--timeout=1s");

    try (Kubectl.Background waiting =
        kubectl.background(
            "wait", "--for=condition=Ready", "apikey/billing", "-n", ns, "--timeout=10s")) {
      markReady(ns, "billing");
      await().atMost(TIMEOUT).until(() -> !waiting.process().isAlive());
      assertThat(waiting.process().exitValue()).isZero();
      assertThat(waiting.out().lines()).contains("apikey.keysmith.dev/billing condition met");
    }
    assertThat(notYet.exitCode()).isNotZero();
    assertThat(notYet.err()).contains("timed out waiting for the condition");
  }

  @Test
  void watchPrintsChangesAsTableRows() {
    kubectl.runWithInput(channelAndKey(ns), "apply", "-f", "-").succeeded();

    try (Kubectl.Background watch = kubectl.background("get", "ak", "-n", ns, "-w")) {
      await().atMost(TIMEOUT).until(() -> watch.out().lines().size() == 2);
      markReady(ns, "billing");
      await().atMost(TIMEOUT).until(() -> watch.out().lines().size() == 3);

      assertThat(watch.out().lines().get(0)).startsWith("NAME").contains("PHASE");
      assertThat(watch.out().lines().get(1)).containsPattern("billing\\s+payments\\s+\\d+s");
      assertThat(watch.out().lines().get(2))
          .containsPattern("billing\\s+Opaque\\s+payments\\s+Active\\s+True");
    }
  }

  @Test
  void deletingAKeyCollectsItsSecret() {
    kubectl.runWithInput(channelAndKey(ns), "apply", "-f", "-").succeeded();
    ApiKey key = client.resources(ApiKey.class).inNamespace(ns).withName("billing").get();
    client.secrets().inNamespace(ns).resource(ownedSecret("billing-credentials", key)).create();
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("unrelated")
                .endMetadata()
                .addToData("k", "dg==")
                .build())
        .create();

    assertThat(kubectl.run("get", "secrets", "-n", ns).succeeded().out())
        .containsPattern("NAME\\s+TYPE\\s+DATA\\s+AGE")
        .containsPattern("billing-credentials\\s+Opaque\\s+1\\s+\\d+s");
    assertThat(kubectl.run("delete", "ak", "billing", "-n", ns).succeeded().out())
        .contains("apikey.keysmith.dev \"billing\" deleted");
    assertThat(kubectl.run("get", "secrets", "-n", ns, "-o", "name").succeeded().out())
        .isEqualTo("secret/unrelated");
  }

  @Test
  void createsAndReappliesBuiltInKindsAsKubectlSendsThem() {
    // kubectl create sends protobuf; apply of a changed Secret a strategic merge patch.
    kubectl
        .run(
            "create",
            "secret",
            "generic",
            "mine",
            "-n",
            ns,
            "--from-literal=apiKey=hunter2hunter2hunter2")
        .succeeded();
    String secret =
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: applied, namespace: %s, labels: {team: a}}
        stringData: {apiKey: first-value}
        """
            .formatted(ns);
    kubectl.runWithInput(secret, "apply", "-f", "-").succeeded();
    assertThat(
            kubectl
                .runWithInput(
                    secret.replace("first-value", "second-value").replace("team: a", "team: b"),
                    "apply",
                    "-f",
                    "-")
                .succeeded()
                .out())
        .contains("secret/applied configured");

    Secret mine = client.secrets().inNamespace(ns).withName("mine").get();
    Secret applied = client.secrets().inNamespace(ns).withName("applied").get();
    assertThat(Fixtures.decoded(mine, "apiKey")).isEqualTo("hunter2hunter2hunter2");
    assertThat(mine.getType()).isEqualTo("Opaque");
    assertThat(Fixtures.decoded(applied, "apiKey")).isEqualTo("second-value");
    assertThat(applied.getStringData()).isNullOrEmpty();
    assertThat(applied.getMetadata().getLabels()).containsEntry("team", "b");
    assertThat(
            kubectl
                .run("get", "secrets", "-n", ns, "-l", "team in (b,c)", "-o", "name")
                .succeeded()
                .out())
        .isEqualTo("secret/applied");
    assertThat(
            kubectl
                .run("get", "secrets", "-n", ns, "-l", "team notin (b)", "-o", "name")
                .succeeded()
                .out())
        .isEqualTo("secret/mine");
  }

  @Test
  void refusesServerSideApplyWithTheReason() {
    Kubectl.Result serverSide =
        kubectl.runWithInput(channelAndKey(ns), "apply", "--server-side", "-f", "-");

    assertThat(serverSide.exitCode()).isNotZero();
    assertThat(serverSide.err()).contains("server-side apply is not supported");
  }

  @Test
  void deletingANamespaceDeletesWhatIsInIt() {
    kubectl.run("create", "namespace", ns + "-gone").succeeded();
    kubectl.runWithInput(channelAndKey(ns + "-gone"), "apply", "-f", "-").succeeded();

    kubectl.run("delete", "namespace", ns + "-gone").succeeded();

    assertThat(client.resources(ApiKey.class).inNamespace(ns + "-gone").list().getItems())
        .isEmpty();
    assertThat(kubectl.runWithInput(channelAndKey(ns + "-gone"), "apply", "-f", "-").err())
        .contains("namespaces \"" + ns + "-gone\" not found");
  }

  private static void markReady(String namespace, String name) {
    client
        .resources(ApiKey.class)
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            key -> {
              ApiKeyStatus status = new ApiKeyStatus();
              status.setObservedGeneration(key.getMetadata().getGeneration());
              status.setPhase(KeyPhase.Active);
              status.setType(KeyType.Opaque);
              Condition ready =
                  new Condition("Ready", "True", "Issued", "Issued credential revision 1");
              ready.setObservedGeneration(key.getMetadata().getGeneration());
              ready.setLastTransitionTime(Instant.now().toString());
              status.setConditions(List.of(ready));
              key.setStatus(status);
              return key;
            });
  }

  private static Secret ownedSecret(String name, ApiKey owner) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .addNewOwnerReference()
        .withApiVersion("keysmith.dev/v1alpha1")
        .withKind("ApiKey")
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .addToData("apiKey", "cGF5X3h5eg==")
        .build();
  }

  static String channelAndKey(String namespace) {
    return """
           apiVersion: keysmith.dev/v1alpha1
           kind: ApiChannel
           metadata: {name: payments, namespace: %1$s}
           spec:
             protocol: REST
             keyFormat: {prefix: pay}
           ---
           """
            .formatted(namespace)
        + key(
            namespace,
            "billing",
            """
            channelRef: {name: payments}
            displayName: Billing service -> Payments API
            validFor: 2160h""");
  }

  private static String key(String namespace, String name, String spec) {
    return """
           apiVersion: keysmith.dev/v1alpha1
           kind: ApiKey
           metadata: {name: %s, namespace: %s}
           spec:
           %s
           """
        .formatted(name, namespace, spec.indent(2));
  }
}

package dev.keysmith.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keysmith.packaging.RenderedChart.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's RBAC is exactly what the code calls (read from src/main: informers, the
 * Secret writer, default keys, status patches, the event recorder, leader election), no more.
 */
class ChartRbacTest {

  /** In every namespace the operator watches. */
  static final List<String> NAMESPACED_RULES =
      List.of(
          "keysmith.dev apikeys [create, delete, get, list, watch]",
          "keysmith.dev apikeys/status [get, patch, update]",
          "keysmith.dev apikeys/finalizers [update]",
          "keysmith.dev apichannels [get, list, watch]",
          "keysmith.dev apichannels/status [get, patch, update]",
          "keysmith.dev apichannels/finalizers [update]",
          "core secrets [create, delete, get, list, update, watch]",
          "core events [create, get, patch]");

  static final String NAMESPACES_RULE = "core namespaces [get, list, watch]";

  static final List<String> LEASE_RULES =
      List.of(
          "coordination.k8s.io leases [create]",
          "coordination.k8s.io leases [keysmith] [get, update]");

  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  @Test
  void defaultInstallGrantsExactlyWhatTheOperatorUsesClusterWide() {
    RenderedChart chart = RenderedChart.render();

    List<String> expected = new ArrayList<>(NAMESPACED_RULES);
    expected.add(NAMESPACES_RULE);
    assertThat(RenderedChart.rules(chart.get("ClusterRole", "keysmith"))).containsExactlyInAnyOrderElementsOf(expected);
    assertBoundToTheOperator(chart.get("ClusterRoleBinding", "keysmith"), "ClusterRole", "keysmith");
    assertThat(chart.ofKind("Role")).extracting(Document::name).containsExactly("keysmith-leader-election");
    assertThat(chart.ofKind("ClusterRole")).extracting(Document::name)
        .containsExactlyInAnyOrder("keysmith", "keysmith-admin", "keysmith-edit", "keysmith-view");
  }

  @Test
  void leaderElectionIsLimitedToTheReleaseNamespaceAndItsOwnLease() {
    RenderedChart chart = RenderedChart.render();

    Document role = chart.get("Role", "keysmith-leader-election");
    assertThat(role.namespace()).isEqualTo(RenderedChart.NAMESPACE);
    assertThat(RenderedChart.rules(role)).containsExactlyInAnyOrderElementsOf(LEASE_RULES);
    assertBoundToTheOperator(chart.get("RoleBinding", "keysmith-leader-election"), "Role", "keysmith-leader-election");
    assertThat(chart.get("RoleBinding", "keysmith-leader-election").namespace()).isEqualTo(RenderedChart.NAMESPACE);
  }

  @Test
  void renamedLeaseIsTheOneTheRoleAllows() {
    RenderedChart chart = RenderedChart.render("config: {leader-election: {lease-name: keysmith-shard-b}}");

    assertThat(RenderedChart.rules(chart.get("Role", "keysmith-leader-election")))
        .contains("coordination.k8s.io leases [keysmith-shard-b] [get, update]");
    assertThat(chart.env()).containsEntry("KEYSMITH_LEADER_ELECTION_LEASE_NAME", "keysmith-shard-b");
  }

  @Test
  void noRuleOfTheDefaultInstallUsesAWildcard() {
    RenderedChart chart = RenderedChart.render();

    List<Document> roles =
        Stream.concat(chart.ofKind("Role").stream(), chart.ofKind("ClusterRole").stream()).toList();
    assertThat(roles).hasSize(5);
    for (Document role : roles) {
      for (JsonNode rule : role.tree().path("rules")) {
        for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
          assertThat(RenderedChart.strings(rule.path(field)))
              .as("%s %s: %s", role.kind(), role.name(), field)
              .noneMatch(value -> value.contains("*"));
        }
      }
      assertThat(role.tree().has("aggregationRule")).as("%s aggregates others", role.name()).isFalse();
    }
  }

  @Test
  void watchedNamespacesGetARoleEachAndOnlyNamespacesStayClusterWide() {
    RenderedChart chart = RenderedChart.render("watchNamespaces: [team-a, team-b]");

    List<Document> roles = chart.ofKind("Role").stream().filter(r -> r.name().equals("keysmith")).toList();
    assertThat(roles).extracting(Document::namespace).containsExactly("team-a", "team-b");
    for (Document role : roles) {
      assertThat(RenderedChart.rules(role)).containsExactlyInAnyOrderElementsOf(NAMESPACED_RULES);
    }
    List<Document> bindings = chart.ofKind("RoleBinding").stream().filter(r -> r.name().equals("keysmith")).toList();
    assertThat(bindings).extracting(Document::namespace).containsExactly("team-a", "team-b");
    bindings.forEach(binding -> assertBoundToTheOperator(binding, "Role", "keysmith"));

    assertThat(chart.find("ClusterRole", "keysmith")).isEmpty();
    assertThat(chart.find("ClusterRoleBinding", "keysmith")).isEmpty();
    assertThat(RenderedChart.rules(chart.get("ClusterRole", "keysmith-namespaces"))).containsExactly(NAMESPACES_RULE);
    assertBoundToTheOperator(chart.get("ClusterRoleBinding", "keysmith-namespaces"), "ClusterRole", "keysmith-namespaces");
    assertThat(RenderedChart.rules(chart.get("Role", "keysmith-leader-election")))
        .containsExactlyInAnyOrderElementsOf(LEASE_RULES);
  }

  @Test
  void userRolesAggregateIntoTheBuiltInRolesAndViewCannotReadSecrets() {
    RenderedChart chart = RenderedChart.render();

    for (String role : List.of("admin", "edit", "view")) {
      Document clusterRole = chart.get("ClusterRole", "keysmith-" + role);
      assertThat(clusterRole.tree().at("/metadata/labels").path("rbac.authorization.k8s.io/aggregate-to-" + role).asText())
          .isEqualTo("true");
      assertThat(clusterRole.tree().at("/metadata/labels").properties())
          .as("aggregated into %s only", role)
          .noneMatch(label -> label.getKey().startsWith("rbac.authorization.k8s.io/aggregate-to-")
              && !label.getKey().endsWith("-" + role));
      assertThat(RenderedChart.rules(clusterRole)).noneMatch(rule -> rule.contains("secrets"));
    }
    String all = ALL_VERBS.toString();
    for (String role : List.of("admin", "edit")) {
      assertThat(RenderedChart.rules(chart.get("ClusterRole", "keysmith-" + role)))
          .containsExactlyInAnyOrder(
              "keysmith.dev apikeys " + all,
              "keysmith.dev apichannels " + all,
              "keysmith.dev apikeys/status [get]",
              "keysmith.dev apichannels/status [get]");
    }
    assertThat(RenderedChart.rules(chart.get("ClusterRole", "keysmith-view")))
        .containsExactlyInAnyOrder(
            "keysmith.dev apikeys [get, list, watch]",
            "keysmith.dev apichannels [get, list, watch]",
            "keysmith.dev apikeys/status [get]",
            "keysmith.dev apichannels/status [get]");
  }

  @Test
  void rbacCanBeLeftToTheCluster() {
    RenderedChart chart = RenderedChart.render("rbac: {create: false, userRoles: {create: false}}");

    assertThat(chart.names())
        .noneMatch(name -> name.startsWith("Role/") || name.startsWith("ClusterRole")
            || name.startsWith("RoleBinding/"));
    RenderedChart userRolesOnly = RenderedChart.render("rbac: {create: false}");
    assertThat(userRolesOnly.ofKind("ClusterRole")).extracting(Document::name)
        .containsExactlyInAnyOrder("keysmith-admin", "keysmith-edit", "keysmith-view");
  }

  private static void assertBoundToTheOperator(Document binding, String roleKind, String roleName) {
    JsonNode tree = binding.tree();
    assertThat(tree.at("/roleRef/kind").asText()).isEqualTo(roleKind);
    assertThat(tree.at("/roleRef/name").asText()).isEqualTo(roleName);
    assertThat(tree.at("/roleRef/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(tree.path("subjects")).hasSize(1);
    assertThat(tree.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
    assertThat(tree.at("/subjects/0/name").asText()).isEqualTo("keysmith");
    assertThat(tree.at("/subjects/0/namespace").asText()).isEqualTo(RenderedChart.NAMESPACE);
  }
}

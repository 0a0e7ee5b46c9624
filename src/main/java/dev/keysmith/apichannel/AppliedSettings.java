package dev.keysmith.apichannel;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiChannelSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Optional;

/**
 * The settings in force for a channel: those of its spec, or, while its spec is invalid, those of
 * the last valid spec, which its keyring Secret records. A bad edit of a channel therefore reports
 * InvalidSpec on the channel but takes none of its keys down; only a channel that never had a
 * valid spec has no settings.
 *
 * @param problems the problems of the current spec (empty when it is valid)
 * @param spec the spec the settings come from
 * @param generation the channel generation of that spec
 * @param fallback whether the settings come from the last valid spec
 */
public record AppliedSettings(
    Optional<ChannelSettings> settings,
    List<String> problems,
    ApiChannelSpec spec,
    Long generation,
    boolean fallback) {

  public static AppliedSettings of(ApiChannel channel, Optional<Secret> keyring) {
    ChannelSettings.Resolution resolution = ChannelSettings.resolve(channel);
    if (resolution.isValid()) {
      return new AppliedSettings(
          resolution.settings(), List.of(), channel.getSpec(), channel.getMetadata().getGeneration(), false);
    }
    Optional<ApiChannelSpec> last =
        keyring.filter(k -> KeyringSecret.isOwnedBy(k, channel)).flatMap(KeyringSecret::appliedSpec);
    Optional<ChannelSettings> settings =
        last.flatMap(spec -> ChannelSettings.resolve(ChannelSettings.withSpec(channel, spec)).settings());
    return new AppliedSettings(
        settings,
        resolution.problems(),
        last.orElse(null),
        keyring.map(KeyringSecret::appliedGeneration).orElse(null),
        settings.isPresent());
  }

  public boolean isValid() {
    return problems.isEmpty();
  }

  /** Why the current spec does not apply, for the keys' and the channel's conditions. */
  public String describeProblems() {
    String problems = String.join("; ", this.problems);
    return fallback ? problems + "; the last valid spec (generation " + generation + ") still applies" : problems;
  }

  /** Whether a Secret is a channel's keyring, by its labels (ownership is checked on use). */
  public static boolean isKeyring(Secret secret, String channelName) {
    var labels = secret.getMetadata().getLabels();
    return labels != null
        && dev.keysmith.support.Metadata.ROLE_KEYRING.equals(labels.get(dev.keysmith.support.Metadata.SECRET_ROLE))
        && channelName.equals(labels.get(dev.keysmith.support.Metadata.APICHANNEL));
  }
}

package dev.keysmith.apichannel;

import dev.keysmith.api.v1alpha1.ApiChannel;
import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.api.v1alpha1.ApiKeySpec;
import dev.keysmith.api.v1alpha1.ChannelRef;
import dev.keysmith.apikey.KeySecrets;
import dev.keysmith.apikey.KeySettings;
import dev.keysmith.support.EventRecorder;
import dev.keysmith.support.Metadata;
import dev.keysmith.support.Ownership;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps a channel's default key alive ("every user has a default key, recreated when revoked or
 * deleted"): an ApiKey {@code <channel>-default}, owned by the channel. A revoked default key is
 * deleted and replaced by a fresh one, so it gets a brand-new credential. An ApiKey of that name
 * that the channel does not own is left alone.
 */
final class DefaultKeys {

  static final String SUFFIX = "-default";
  private static final Logger LOG = Logger.getLogger(DefaultKeys.class);

  private final EventRecorder events;

  DefaultKeys(EventRecorder events) {
    this.events = events;
  }

  static String name(ApiChannel channel) {
    return channel.getMetadata().getName() + SUFFIX;
  }

  /** Creates, or replaces, the default key; the current one when nothing needed doing. */
  void keepAlive(KubernetesClient client, ApiChannel channel, Optional<ApiKey> existing) {
    String namespace = channel.getMetadata().getNamespace();
    String name = name(channel);
    if (existing.isPresent()) {
      ApiKey key = existing.get();
      if (!Ownership.isControlledBy(key, channel)) {
        events.warning(
            channel,
            "DefaultKeyConflict",
            "ApiKey " + name + " exists and is not owned by this channel; it is left alone");
        return;
      }
      if (!KeySettings.isRevoked(key) || key.getMetadata().getDeletionTimestamp() != null) {
        return;
      }
      client.resource(key).delete();
      LOG.infof("ApiChannel %s/%s: replacing revoked default key", namespace, channel.getMetadata().getName());
      return;
    }
    try {
      client.resource(desired(channel)).create();
      events.normal(channel, "DefaultKeyCreated", "Created default key " + name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // Created meanwhile (a cache behind the API server): the next event brings it.
    }
  }

  private static ApiKey desired(ApiChannel channel) {
    ApiKey key = new ApiKey();
    key.setMetadata(
        new ObjectMetaBuilder()
            .withName(name(channel))
            .withNamespace(channel.getMetadata().getNamespace())
            .withLabels(Map.of(Metadata.DEFAULT_KEY, "true", Metadata.MANAGED_BY, Metadata.MANAGED_BY_KEYSMITH))
            .withOwnerReferences(KeySecrets.controllerReference(channel))
            .build());
    ApiKeySpec spec = new ApiKeySpec();
    spec.setChannelRef(new ChannelRef(channel.getMetadata().getName(), null));
    spec.setDisplayName("Default key of ApiChannel " + channel.getMetadata().getName());
    spec.setDescription(
        "Created and kept alive by ApiChannel " + channel.getMetadata().getName()
            + " (spec.defaultKey.enabled); revoking or deleting it yields a fresh one.");
    key.setSpec(spec);
    return key;
  }
}

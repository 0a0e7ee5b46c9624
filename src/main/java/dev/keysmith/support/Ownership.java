package dev.keysmith.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** Whether Keysmith created an object for an owner: its controller reference and its role label. */
public final class Ownership {

  private Ownership() {}

  /** Whether {@code owner} is the controller of {@code object}. */
  public static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
    return object.getMetadata().getOwnerReferences() != null
        && object.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> Boolean.TRUE.equals(ref.getController())
                && owner.getMetadata().getUid().equals(ref.getUid()));
  }

  /** A Secret of a channel: Keysmith's labels with this role, controlled by the channel. */
  public static boolean isChannelSecret(HasMetadata secret, HasMetadata channel, String role) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return Metadata.isManagedByKeysmith(labels)
        && role.equals(labels.get(Metadata.SECRET_ROLE))
        && channel.getMetadata().getName().equals(labels.get(Metadata.APICHANNEL))
        && isControlledBy(secret, channel);
  }
}

package dev.keysmith.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.Set;

/**
 * An informer event source that also notifies the primaries an updated secondary no longer maps
 * to. The SDK notifies only those of the new version, so when a key moves to another channel the
 * old channel would not learn that it must drop the key from its keyring.
 *
 * <p>Look secondaries up with {@link #byIndex}: the SDK's own primary-to-secondary index keeps
 * stale entries after such a move.
 */
public class BothVersionsEventSource<R extends HasMetadata, P extends HasMetadata>
    extends InformerEventSource<R, P> {

  private final SecondaryToPrimaryMapper<R> mapper;

  public BothVersionsEventSource(
      InformerEventSourceConfiguration<R> configuration, EventSourceContext<P> context) {
    super(configuration, context);
    this.mapper = configuration.getSecondaryToPrimaryMapper();
  }

  @Override
  public void onUpdate(R oldObject, R newObject) {
    super.onUpdate(oldObject, newObject);
    Set<ResourceID> left = new HashSet<>(mapper.toPrimaryResourceIDs(oldObject));
    left.removeAll(mapper.toPrimaryResourceIDs(newObject));
    if (!left.isEmpty() && getEventHandler() != null) {
      left.forEach(primary -> getEventHandler().handleEvent(new Event(primary)));
    }
  }
}

package dev.keysmith.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;

/**
 * An informer event source that also reports every change its informer sees, including those the
 * SDK hides from its own controller (that controller's writes), so that another controller can
 * follow the same informer instead of opening a second watch and cache.
 */
public class ObservedInformerEventSource<R extends HasMetadata, P extends HasMetadata>
    extends InformerEventSource<R, P> {

  private volatile ObservedItemStore.Observer<R> observer = (previous, current) -> {};

  public ObservedInformerEventSource(
      InformerEventSourceConfiguration<R> configuration, EventSourceContext<P> context) {
    super(configuration, context);
  }

  public void observe(ObservedItemStore.Observer<R> observer) {
    this.observer = Objects.requireNonNull(observer);
  }

  @Override
  public void onAdd(R resource) {
    super.onAdd(resource);
    observer.changed(null, resource);
  }

  @Override
  public void onUpdate(R oldObject, R newObject) {
    super.onUpdate(oldObject, newObject);
    observer.changed(oldObject, newObject);
  }

  @Override
  public void onDelete(R resource, boolean deletedFinalStateUnknown) {
    super.onDelete(resource, deletedFinalStateUnknown);
    observer.changed(resource, null);
  }
}

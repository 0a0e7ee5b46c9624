package dev.keysmith.apikey;

import dev.keysmith.api.v1alpha1.ApiKey;
import dev.keysmith.support.ObservedItemStore;

/**
 * The item store of the ApiKey controller's informer, named in its {@code @ControllerConfiguration}
 * (the SDK instantiates it): through it the ApiChannel controller follows every ApiKey without an
 * informer of its own. See {@link KeyCaches}.
 */
public final class ApiKeyStore extends ObservedItemStore<ApiKey> {}

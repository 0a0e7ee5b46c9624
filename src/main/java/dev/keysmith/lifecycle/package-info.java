/**
 * Expiry and rotation policy: pure functions of (spec facts, Secret facts, instant). No Kubernetes
 * types, no clocks read here: callers pass {@code now}, tests pass a fixed one.
 */
package dev.keysmith.lifecycle;

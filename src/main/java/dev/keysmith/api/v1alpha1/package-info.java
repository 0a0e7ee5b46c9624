/**
 * The Keysmith API, group {@code keysmith.dev}, version {@code v1alpha1}.
 *
 * <p>These classes are the contract users read in {@code kubectl explain}: every field carries a
 * description, no field has a schema default (defaults are applied in code and documented in the
 * description, so GitOps tools see no drift), and CEL rules reject at admission what can be rejected
 * there. The operator validates everything again, because not every API server enforces CEL.
 */
package dev.keysmith.api.v1alpha1;

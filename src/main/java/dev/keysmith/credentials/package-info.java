/**
 * Credential formats, generation and hashing. Pure Java and BouncyCastle: no Kubernetes types.
 *
 * <p>Nothing in this package logs, and the types that hold key material print only public
 * identifiers from {@code toString()}.
 */
package dev.keysmith.credentials;

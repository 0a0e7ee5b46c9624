package dev.keysmith.apikey;

/**
 * A key's Secret name turned out to be taken by a Secret Keysmith does not own. Such Secrets are
 * not in Keysmith's cache (it caches only its own), so this is learnt when creating fails.
 */
class SecretNameTaken extends RuntimeException {

  SecretNameTaken(String namespace, String name) {
    super("Secret " + namespace + "/" + name + " exists and is not owned by its ApiKey", null, false, false);
  }
}

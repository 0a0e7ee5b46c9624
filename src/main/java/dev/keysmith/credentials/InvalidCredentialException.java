package dev.keysmith.credentials;

/**
 * A credential that cannot be used. The message names the data key and the problem, never the
 * value.
 */
public class InvalidCredentialException extends Exception {

  public InvalidCredentialException(String message) {
    super(message);
  }
}

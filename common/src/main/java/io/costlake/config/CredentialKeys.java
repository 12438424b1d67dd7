package io.costlake.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which Spark and Hadoop setting keys hold a credential. Keys are compared word by word (split at
 * dots, dashes, underscores and camelCase), because the connectors put account, container and
 * bucket names inside their keys ({@code fs.azure.sas.<container>.<account>.blob.core.windows.net},
 * {@code fs.s3a.bucket.<bucket>.secret.key}): a pattern over the whole key either misses those or
 * refuses harmless keys that merely contain a word like "key".
 *
 * <p>A key holds a credential when it names a secret word (a secret, password, token, SAS,
 * credential, key file, an account, access, private or encryption key) and no word after it says
 * that the key only chooses how credentials are found ({@code ...credentials.provider}, {@code
 * ...sas.token.provider.type}, {@code ...refresh.token.endpoint}, {@code ...encryption.key.hash}).
 */
final class CredentialKeys {
  /**
   * Endings of a word that is a credential wherever it stands ({@code ConnectionPassword} written
   * in one case is one word, still a password).
   */
  private static final List<String> SECRET_ENDINGS =
      List.of(
          "secret",
          "secrets",
          "password",
          "passwd",
          "passphrase",
          "credential",
          "credentials",
          "token",
          "keyfile");

  /** A "key" after one of these is a key (S3A access/secret, Azure account, GCS private...). */
  private static final Set<String> KEY_KINDS =
      Set.of("access", "secret", "account", "private", "encryption", "provided", "client", "api");

  /**
   * Words after a secret word that make the key name a mechanism, a place or a fingerprint, not the
   * secret itself.
   */
  private static final Set<String> NOT_THE_SECRET =
      Set.of(
          "provider",
          "providers",
          "type",
          "enabled",
          "impl",
          "class",
          "endpoint",
          "binding",
          "path",
          "hash",
          "sha",
          "id",
          "algorithm",
          "renewer",
          "kind");

  private CredentialKeys() {}

  static boolean holdsCredential(String key) {
    List<String> words = words(key);
    for (int i = 0; i < words.size(); i++) {
      if (isSecretWord(words, i)) {
        return words.subList(i + 1, words.size()).stream().noneMatch(NOT_THE_SECRET::contains);
      }
    }
    return false;
  }

  private static boolean isSecretWord(List<String> words, int i) {
    String word = words.get(i);
    if (word.equals("sas") || SECRET_ENDINGS.stream().anyMatch(word::endsWith)) {
      return true;
    }
    if (!word.equals("key")) {
      return false;
    }
    boolean last = i == words.size() - 1;
    boolean ofAKind = i > 0 && KEY_KINDS.contains(words.get(i - 1));
    boolean aKeyFile = !last && words.get(i + 1).equals("file");
    return last || ofAKind || aKeyFile;
  }

  /**
   * The key's words, lower case: {@code spark.ssl.keyStorePassword} is spark ssl key store
   * password.
   */
  static List<String> words(String key) {
    List<String> words = new ArrayList<>();
    for (String part : key.split("[.\\-_/]+")) {
      for (String word : part.split("(?<=[a-z0-9])(?=[A-Z])")) {
        if (!word.isEmpty()) {
          words.add(word.toLowerCase(Locale.ROOT));
        }
      }
    }
    return words;
  }
}

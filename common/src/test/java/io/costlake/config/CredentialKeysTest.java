package io.costlake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key names each connector documents (hadoop-aws "Authenticating with S3", hadoop-azure ABFS
 * and WASB pages, the GCS connector's CONFIGURATION.md, Spark's security page), with the {@code
 * spark.hadoop.} prefix a Spark setting gives them where it applies.
 */
class CredentialKeysTest {
  private static final List<String> CREDENTIALS =
      List.of(
          // S3A, global and per bucket
          "spark.hadoop.fs.s3a.access.key",
          "spark.hadoop.fs.s3a.secret.key",
          "spark.hadoop.fs.s3a.session.token",
          "spark.hadoop.fs.s3a.bucket.billing-exports.access.key",
          "spark.hadoop.fs.s3a.bucket.billing-exports.secret.key",
          "spark.hadoop.fs.s3a.bucket.billing-exports.session.token",
          "spark.hadoop.fs.s3a.encryption.key",
          "spark.hadoop.fs.s3a.server-side-encryption.key",
          // ABFS: account key, OAuth client secret, user password, refresh token, fixed SAS
          "spark.hadoop.fs.azure.account.key.costs.dfs.core.windows.net",
          "spark.hadoop.fs.azure.account.oauth2.client.secret",
          "spark.hadoop.fs.azure.account.oauth2.client.secret.costs.dfs.core.windows.net",
          "spark.hadoop.fs.azure.account.oauth2.user.password",
          "spark.hadoop.fs.azure.account.oauth2.refresh.token",
          "spark.hadoop.fs.azure.sas.fixed.token",
          "spark.hadoop.fs.azure.sas.fixed.token.costs.dfs.core.windows.net",
          "spark.hadoop.fs.azure.encryption.encoded.client-provided-key",
          // WASB: account key and the SAS of a container
          "spark.hadoop.fs.azure.account.key.costs.blob.core.windows.net",
          "spark.hadoop.fs.azure.sas.exports.costs.blob.core.windows.net",
          // ADLS Gen1
          "spark.hadoop.fs.adl.oauth2.credential",
          "spark.hadoop.fs.adl.oauth2.refresh.token",
          // GCS connector
          "spark.hadoop.fs.gs.auth.service.account.private.key",
          "spark.hadoop.fs.gs.auth.service.account.json.keyfile",
          "spark.hadoop.google.cloud.auth.service.account.json.keyfile",
          "spark.hadoop.fs.gs.auth.service.account.keyfile",
          "spark.hadoop.fs.gs.auth.client.secret",
          "spark.hadoop.fs.gs.auth.refresh.token",
          "spark.hadoop.fs.gs.encryption.key",
          // Spark itself, and a metastore's JDBC password
          "spark.authenticate.secret",
          "spark.ssl.keyPassword",
          "spark.ssl.keyStorePassword",
          "spark.ssl.trustStorePassword",
          "spark.kubernetes.authenticate.driver.oauthToken",
          "spark.kubernetes.authenticate.driver.clientKeyFile",
          "spark.hadoop.javax.jdo.option.ConnectionPassword");

  private static final List<String> HOW_TO_FIND_THEM =
      List.of(
          "spark.hadoop.fs.s3a.aws.credentials.provider",
          "spark.hadoop.fs.s3a.assumed.role.credentials.provider",
          "spark.hadoop.fs.s3a.assumed.role.arn",
          "spark.hadoop.fs.s3a.delegation.token.binding",
          "spark.hadoop.fs.s3a.encryption.algorithm",
          "spark.hadoop.hadoop.security.credential.provider.path",
          "spark.hadoop.fs.azure.account.auth.type",
          "spark.hadoop.fs.azure.account.oauth.provider.type",
          "spark.hadoop.fs.azure.account.oauth2.client.id",
          "spark.hadoop.fs.azure.account.oauth2.client.endpoint",
          "spark.hadoop.fs.azure.account.oauth2.refresh.token.endpoint",
          "spark.hadoop.fs.azure.account.oauth2.msi.tenant",
          "spark.hadoop.fs.azure.sas.token.provider.type",
          "spark.hadoop.fs.azure.account.keyprovider.costs.dfs.core.windows.net",
          "spark.hadoop.fs.azure.encryption.encoded.client-provided-key-sha",
          "spark.hadoop.fs.gs.auth.type",
          "spark.hadoop.fs.gs.auth.service.account.email",
          "spark.hadoop.fs.gs.auth.service.account.private.key.id",
          "spark.hadoop.fs.gs.auth.access.token.provider",
          "spark.hadoop.fs.gs.auth.access.token.provider.impl",
          "spark.hadoop.fs.gs.encryption.key.hash",
          "spark.hadoop.hive.metastore.sasl.enabled",
          "spark.ssl.keyStore",
          "spark.sql.shuffle.partitions",
          "spark.sql.catalogImplementation");

  @Test
  void everyDocumentedCredentialKeyIsRefused() {
    for (String key : CREDENTIALS) {
      assertTrue(CredentialKeys.holdsCredential(key), key);
      assertTrue(CredentialKeys.holdsCredential(key.toUpperCase(java.util.Locale.ROOT)), key);
    }
  }

  @Test
  void keysThatOnlySayHowCredentialsAreFoundAreNot() {
    for (String key : HOW_TO_FIND_THEM) {
      assertFalse(CredentialKeys.holdsCredential(key), key);
    }
  }

  @Test
  void wordsSplitAtSeparatorsAndCamelCase() {
    assertEquals(
        List.of("spark", "ssl", "key", "store", "password"),
        CredentialKeys.words("spark.ssl.keyStorePassword"));
    assertEquals(
        List.of("fs", "azure", "client", "provided", "key", "sha"),
        CredentialKeys.words("fs.azure.client-provided-key-sha"));
  }
}

package io.costlake.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import org.junit.jupiter.api.Test;

class JobContextUriTest {
  private static final String SECRET = "wJalr/XUtnFEMI+K7MDENG/bPxRfiCY";

  @Test
  void aLoginInTheAddressIsRefusedAndMasked() {
    CostlakeException e =
        assertThrows(
            CostlakeException.class,
            () -> JobContext.uri("s3a://AKIAEXAMPLE:" + SECRET + "@bucket/cur/"));
    assertTrue(e.getMessage().contains("s3a://***@bucket/cur/"), e.getMessage());
    assertFalse(e.getMessage().contains("AKIAEXAMPLE"), e.getMessage());
    assertFalse(e.getMessage().contains("bPxRfiCY"), e.getMessage());
  }

  @Test
  void aSecretWithoutSlashIsRefusedToo() {
    assertThrows(CostlakeException.class, () -> JobContext.uri("gs://user:pass@bucket/billing"));
  }

  @Test
  void objectKeysHoldingColonAndAtAreAddressesNotLogins() {
    String key = "s3a://bucket/exports/2025-10-01T00:00:00Z@retry/part-1.csv.gz";
    assertEquals(key, JobContext.uri(key));
  }

  @Test
  void anAzureContainerBeforeTheAtIsNoLogin() {
    String abfss = "abfss://billing@account.dfs.core.windows.net/exports/";
    assertEquals(abfss, JobContext.uri(abfss));
  }
}

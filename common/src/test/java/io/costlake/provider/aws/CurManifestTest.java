package io.costlake.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurManifestTest {
  private static CurManifest parse(String uri, String json) throws IOException {
    return CurManifest.parse(uri, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void cur1ManifestNamesItsAssemblyAndPeriod() throws IOException {
    CurManifest manifest =
        parse(
            "s3a://b/cur/report/20240101-20240201/report-Manifest.json",
            "{\"assemblyId\":\"a-1\",\"account\":\"123\",\"reportName\":\"report\","
                + "\"billingPeriod\":{\"start\":\"20240101T000000.000Z\",\"end\":\"20240201T000000.000Z\"},"
                + "\"reportKeys\":[\"cur/report/20240101-20240201/a-1/report-00001.csv.gz\"]}");
    assertEquals("2024-01", manifest.billingPeriod());
    assertEquals("a-1", manifest.assemblyId().get());
    assertEquals("123", manifest.account().get());
    assertEquals("report", manifest.reportName());
    assertTrue(manifest.periodLevel());
    assertEquals(1, manifest.keys().size());
    assertEquals("s3a://b/cur/report/20240101-20240201", manifest.folder());
  }

  @Test
  void assemblyLevelManifestsAreNotPeriodLevel() throws IOException {
    CurManifest manifest =
        parse(
            "file:/x/report/20240101-20240201/a-1/report-Manifest.json",
            "{\"billingPeriod\":{\"start\":\"2024-01-01T00:00:00Z\"},\"reportKeys\":[]}");
    assertFalse(manifest.periodLevel());
    assertEquals("2024-01", manifest.billingPeriod());
  }

  @Test
  void dataExportsManifestIsReadToo() throws IOException {
    CurManifest manifest =
        parse(
            "s3a://b/exports/my-cur2/metadata/BILLING_PERIOD=2024-03/my-cur2-Manifest.json",
            "{\"executionId\":\"e-9\",\"exportName\":\"my-cur2\",\"billingPeriod\":\"2024-03\","
                + "\"dataFiles\":[\"s3://b/exports/my-cur2/data/BILLING_PERIOD=2024-03/my-cur2-00001.snappy.parquet\"]}");
    assertEquals("2024-03", manifest.billingPeriod());
    assertEquals("e-9", manifest.assemblyId().get());
    assertEquals("my-cur2", manifest.reportName());
    assertTrue(manifest.periodLevel());
    assertEquals(
        List.of("s3://b/exports/my-cur2/data/BILLING_PERIOD=2024-03/my-cur2-00001.snappy.parquet"),
        manifest.keys());
  }

  @Test
  void thePeriodFallsBackToTheFolderName() throws IOException {
    CurManifest manifest =
        parse("file:/r/report/20231201-20240101/report-Manifest.json", "{\"reportKeys\":[]}");
    assertEquals("2023-12", manifest.billingPeriod());
  }

  @Test
  void unusableManifestsSayWhy() {
    IllegalArgumentException json =
        assertThrows(IllegalArgumentException.class, () -> parse("file:/m.json", "{not json"));
    assertTrue(json.getMessage().startsWith("not valid JSON"), json.getMessage());
    IllegalArgumentException noFiles =
        assertThrows(
            IllegalArgumentException.class, () -> parse("file:/m.json", "{\"assemblyId\":\"x\"}"));
    assertEquals("it lists no files (no reportKeys or dataFiles)", noFiles.getMessage());
    IllegalArgumentException noPeriod =
        assertThrows(
            IllegalArgumentException.class, () -> parse("file:/m.json", "{\"reportKeys\":[]}"));
    assertEquals("it names no billing period", noPeriod.getMessage());
  }
}

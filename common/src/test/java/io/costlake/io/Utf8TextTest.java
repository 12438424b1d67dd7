package io.costlake.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
  private static final String TEXT = "a,b\n1,caf\u00e9\n";

  @Test
  void utf8IsReadWithItsMarkAsIs() throws IOException {
    assertEquals(TEXT, read(TEXT.getBytes(StandardCharsets.UTF_8)));
    assertEquals("\uFEFF" + TEXT, read(("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void utf16AndUtf32AreNamedWithTheirMark() {
    assertRefused("UTF-16LE (byte-order mark FF FE)", bytes("\uFEFF" + TEXT, "UTF-16LE"));
    assertRefused("UTF-16BE (byte-order mark FE FF)", bytes("\uFEFF" + TEXT, "UTF-16BE"));
    assertRefused("UTF-32LE (byte-order mark FF FE 00 00)", bytes("\uFEFF" + TEXT, "UTF-32LE"));
    assertRefused("UTF-32BE (byte-order mark 00 00 FE FF)", bytes("\uFEFF" + TEXT, "UTF-32BE"));
    assertRefused("UTF-16LE (no byte-order mark", bytes(TEXT, "UTF-16LE"));
  }

  @Test
  void bytesThatAreNotUtf8FailTheReadAndAreFoundByLineAndByte() throws IOException {
    byte[] latin = ("x,y\n" + "ok,ok\n".repeat(5000) + TEXT).getBytes(Charset.forName("cp1252"));
    assertThrows(CharacterCodingException.class, () -> read(latin));
    RefusedContent where = Utf8Text.notUtf8(new ByteArrayInputStream(latin));
    assertEquals(Utf8Text.NOT_UTF8, where.code());
    int offset = 4 + 6 * 5000 + 9;
    assertTrue(
        where.getMessage().startsWith("line 5003 of the file holds bytes that are not UTF-8 (E9"),
        where.getMessage());
    assertTrue(where.getMessage().contains("at byte " + offset + ")"), where.getMessage());
  }

  private static void assertRefused(String encoding, byte[] content) {
    RefusedContent refused = assertThrows(RefusedContent.class, () -> read(content));
    assertEquals(Utf8Text.NOT_UTF8, refused.code());
    assertTrue(refused.getMessage().startsWith("the file is " + encoding), refused.getMessage());
  }

  private static byte[] bytes(String text, String charset) {
    return text.getBytes(Charset.forName(charset));
  }

  private static String read(byte[] content) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Reader reader = Utf8Text.reader(new ByteArrayInputStream(content))) {
      int c;
      while ((c = reader.read()) >= 0) {
        out.append((char) c);
      }
    }
    return out.toString();
  }
}

package io.costlake.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LineEndingsTest {
  private static String normalized(Reader source, int chunk) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[chunk];
    try (Reader reader = new LineEndings(source)) {
      int n;
      while ((n = reader.read(buffer, 0, chunk)) > 0) {
        out.append(buffer, 0, n);
      }
    }
    return out.toString();
  }

  @Test
  void crlfLoneCrAndLfAllBecomeLf() throws IOException {
    String mixed = "h1,h2\r\na,b\nc,\"d\r\ne\"\rf,g\r\n";
    for (int chunk : new int[] {1, 2, 3, 7, 64}) {
      assertEquals(
          "h1,h2\na,b\nc,\"d\ne\"\nf,g\n",
          normalized(new StringReader(mixed), chunk),
          "chunk " + chunk);
    }
  }

  @Test
  void aCrlfSplitAcrossReadsIsOneLineEnd() throws IOException {
    // A reader that hands out one char at a time puts the CR and the LF in separate reads.
    Reader trickle =
        new StringReader("a\r\n\r\nb") {
          @Override
          public int read(char[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(1, length));
          }
        };
    assertEquals("a\n\nb", normalized(trickle, 16));
  }
}

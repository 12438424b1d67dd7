package io.costlake.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Export content as UTF-8 text, refusing what is not: a UTF-16 or UTF-32 byte-order mark (or the
 * NUL bytes of such text without one) at the start, and any byte sequence that is not UTF-8 while
 * reading. Decoding with replacement would turn a Windows-1252 tag value into U+FFFD without a
 * word.
 */
public final class Utf8Text {
  /** The code of a file in another encoding; a decoding error while reading is reported too. */
  public static final String NOT_UTF8 = "NOT_UTF8";

  private Utf8Text() {}

  /**
   * A reader of {@code content} as UTF-8 that throws {@link
   * java.nio.charset.CharacterCodingException} on bytes that are not UTF-8 (locate them with {@link
   * #notUtf8}).
   *
   * @throws RefusedContent when the content starts as UTF-16 or UTF-32 text
   */
  public static Reader reader(InputStream content) throws IOException {
    PushbackInputStream in = new PushbackInputStream(content, 4);
    byte[] start = new byte[4];
    int n = 0;
    while (n < 4) {
      int read = in.read(start, n, 4 - n);
      if (read < 0) {
        break;
      }
      n += read;
    }
    String other = otherEncoding(start, n);
    if (other != null) {
      throw new RefusedContent(
          NOT_UTF8,
          "the file is "
              + other
              + ", not UTF-8: export it as UTF-8, or convert it (iconv -f "
              + other.replaceAll(" .*", "")
              + " -t UTF-8)");
    }
    in.unread(start, 0, n);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new InputStreamReader(in, decoder);
  }

  /**
   * What a decoding failure means: where {@code content} (the file read again from its start) first
   * holds bytes that are not UTF-8, by line and byte offset.
   */
  public static RefusedContent notUtf8(InputStream content) throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    CharBuffer chars = CharBuffer.allocate(1 << 16);
    long line = 1;
    long offset = 0;
    boolean end = false;
    while (true) {
      int read = end ? -1 : content.read(bytes.array(), bytes.position(), bytes.remaining());
      if (read < 0) {
        end = true;
      } else {
        bytes.position(bytes.position() + read);
      }
      bytes.flip();
      int from = bytes.position();
      CoderResult result = decoder.decode(bytes, chars, end);
      for (int i = from; i < bytes.position(); i++) {
        // A LF byte is never part of a multi-byte UTF-8 sequence.
        if (bytes.get(i) == '\n') {
          line++;
        }
      }
      offset += bytes.position() - from;
      chars.clear();
      if (result.isError()) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < result.length() && bytes.position() + i < bytes.limit(); i++) {
          hex.append(
              String.format(
                  Locale.ROOT,
                  "%s%02X",
                  i == 0 ? "" : " ",
                  bytes.get(bytes.position() + i) & 0xFF));
        }
        return new RefusedContent(
            NOT_UTF8,
            String.format(
                Locale.ROOT,
                "line %d of the file holds bytes that are not UTF-8 (%s at byte %d): export it as"
                    + " UTF-8, or convert it (iconv -f WINDOWS-1252 -t UTF-8 when it is Windows"
                    + " text)",
                line,
                hex,
                offset));
      }
      if (end && bytes.remaining() == 0) {
        return new RefusedContent(
            NOT_UTF8, "the file holds bytes that are not UTF-8: export it as UTF-8");
      }
      bytes.compact();
    }
  }

  /** The encoding the first bytes show, when it is not UTF-8 (or ASCII); null otherwise. */
  static String otherEncoding(byte[] b, int n) {
    if (n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      return "UTF-32BE (byte-order mark 00 00 FE FF)";
    }
    if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      return "UTF-32LE (byte-order mark FF FE 00 00)";
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return "UTF-16BE (byte-order mark FE FF)";
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return "UTF-16LE (byte-order mark FF FE)";
    }
    if (n >= 2 && b[0] == 0 && b[1] != 0) {
      return "UTF-16BE (no byte-order mark: NUL bytes before its first characters)";
    }
    if (n >= 2 && b[0] != 0 && b[1] == 0) {
      return "UTF-16LE (no byte-order mark: NUL bytes after its first characters)";
    }
    return null;
  }
}

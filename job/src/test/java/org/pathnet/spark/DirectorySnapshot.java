package org.pathnet.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a directory holds, byte for byte: for tests that check earlier results were left untouched. */
public final class DirectorySnapshot {
  private DirectorySnapshot() {}

  /** Every file and directory under {@code dir} by relative path: a file's SHA-256, or "directory". */
  public static Map<String, String> of(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        entries.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "directory" : sha256(p));
      }
    }
    return entries;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

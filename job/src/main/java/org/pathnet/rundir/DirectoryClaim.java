package org.pathnet.rundir;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.pathnet.InvalidInputException;

/**
 * Which driver writes a run directory: the file {@code .pathnet-claim}, created only where absent (O_EXCL on a local
 * disk, a create without overwrite on HDFS) so that of two drivers one wins whatever the timing. A claim a killed
 * driver left is taken over only when this host can tell it is stale; one from another host never is
 * (docs/RUNNING.md, "Stopping a study, and the output directory").
 */
final class DirectoryClaim {
  static final String FILE = ".pathnet-claim";
  private static final Pattern HOLDER = Pattern.compile("pid (\\d+) on (\\S+) since (\\S+)");
  private static final long UNREADABLE_STALE_MILLIS = 60_000;
  private static final int ATTEMPTS = 5;

  private final FileSystem fs;
  private final Path file;
  private final String holder;

  private DirectoryClaim(FileSystem fs, Path file, String holder) {
    this.fs = fs;
    this.file = file;
    this.holder = holder;
  }

  /**
   * Claims the directory {@code root} for this process. Refused, with {@code option uri} at the start of the line,
   * while another live driver holds it.
   */
  static DirectoryClaim take(FileSystem fs, Path root, String option, String uri) throws IOException {
    Path file = new Path(root, FILE);
    String me = describe(ProcessHandle.current());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createIfAbsent(fs, file, me)) {
        return new DirectoryClaim(fs, file, me);
      }
      Optional<String> holder = read(fs, file);
      if (holder.isEmpty()) {
        continue; // released meanwhile
      }
      if (!isStale(fs, file, holder.get())) {
        Matcher m = HOLDER.matcher(holder.get());
        boolean here = m.matches() && m.group(2).equals(host());
        throw new InvalidInputException(option + " " + uri + ": another study is writing it (" + holder.get()
            + "); wait for it to end or choose another directory" + (here ? "" : " (if that driver is gone, remove "
            + file + ")"));
      }
      // Set the stale claim aside under a name of our own: of two drivers taking it over, one rename succeeds.
      Path aside = new Path(root, FILE + "." + UUID.randomUUID() + ".stale");
      try {
        if (fs.rename(file, aside)) {
          fs.delete(aside, false);
        }
      } catch (FileNotFoundException e) {
        // Another driver set it aside first (Hadoop's local rename says so with this exception).
      }
    }
    throw new InvalidInputException(option + " " + uri + ": cannot claim it: other drivers keep claiming it at the"
        + " same time");
  }

  /** Deletes the claim, if it is still this one. */
  void release() throws IOException {
    if (read(fs, file).filter(holder::equals).isPresent()) {
      fs.delete(file, false);
    }
  }

  private static boolean createIfAbsent(FileSystem fs, Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (fs instanceof LocalFileSystem local) {
      // Hadoop's local create tests for the file, then creates it: not atomic.
      try {
        Files.write(local.pathToFile(file).toPath(), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(bytes);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private static Optional<String> read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return Optional.of(bytes.toString(StandardCharsets.UTF_8).trim());
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  private static boolean isStale(FileSystem fs, Path file, String holder) throws IOException {
    Matcher m = HOLDER.matcher(holder);
    if (!m.matches()) {
      return System.currentTimeMillis() - fs.getFileStatus(file).getModificationTime() > UNREADABLE_STALE_MILLIS;
    }
    if (!m.group(2).equals(host())) {
      return false;
    }
    return ProcessHandle.of(Long.parseLong(m.group(1))).map(DirectoryClaim::describe).filter(holder::equals)
        .isEmpty();
  }

  private static String describe(ProcessHandle process) {
    return "pid " + process.pid() + " on " + host() + " since " + process.info().startInstant().map(Instant::toString)
        .orElse("unknown");
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}

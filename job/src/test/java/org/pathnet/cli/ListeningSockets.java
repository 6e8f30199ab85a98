package org.pathnet.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP addresses a Linux process listens on, read from /proc: its socket inodes from {@code /proc/PID/fd},
 * matched against the listening sockets of {@code /proc/PID/net/tcp} and {@code tcp6}. Lets a test check that
 * nothing it starts is reachable from outside the machine.
 */
final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** Where process {@code pid} listens; empty when it has ended. */
  static List<InetSocketAddress> of(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        String target = readLink(fd);
        if (target.startsWith("socket:[")) {
          inodes.add(target.substring("socket:[".length(), target.length() - 1));
        }
      }
    } catch (IOException e) {
      if (!Files.exists(proc)) {
        return List.of();
      }
      throw e;
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      List<String> lines = Files.readAllLines(proc.resolve("net").resolve(table));
      for (String line : lines.subList(1, lines.size())) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
        String[] fields = line.trim().split("\\s+");
        if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
          addresses.add(address(fields[1]));
        }
      }
    }
    return addresses;
  }

  /** A file descriptor's target; empty when it was closed meanwhile. */
  private static String readLink(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return "";
    }
  }

  /** {@code HEXADDRESS:HEXPORT}, the address as 32-bit words in the kernel's (little-endian) byte order. */
  private static InetSocketAddress address(String field) throws IOException {
    String[] parts = field.split(":");
    String hex = parts[0];
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = 8 * word + 2 * (3 - b);
        bytes[4 * word + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    // An IPv4-mapped IPv6 address comes back as the Inet4Address it maps.
    return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
  }
}

package org.vigil.crawler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints one benchmark result as a JSON line; peak RSS is read from /proc (VmHWM). */
final class BenchResult {
  private BenchResult() {}

  static void print(String name, long pages, long nanos, int threads) {
    double seconds = nanos / 1e9;
    System.out.printf(
        "{\"name\":\"%s\",\"pages\":%d,\"seconds\":%.2f,\"pages_per_s\":%.1f,\"cpu_s\":%.2f,"
            + "\"threads\":%d,\"peak_rss_mib\":%d}%n",
        name, pages, seconds, pages / seconds, cpuSeconds(), threads, peakRssMib());
  }

  /** CPU time of this JVM (all threads, JIT and GC included): a load-independent cost. */
  static double cpuSeconds() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return -1;
  }

  static long peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: unknown
    }
    return -1;
  }
}

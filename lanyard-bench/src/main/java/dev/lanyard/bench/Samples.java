package dev.lanyard.bench;

import java.util.Arrays;

/** A growable list of nanosecond samples with nearest-rank percentiles. */
final class Samples {
  private long[] values = new long[1024];
  private int size;

  synchronized void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  synchronized int size() {
    return size;
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100), in milliseconds. */
  synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  synchronized double maxMillis() {
    return percentileMillis(100);
  }

  /** How many samples are above {@code nanos}. */
  synchronized int countAbove(long nanos) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (values[i] > nanos) {
        n++;
      }
    }
    return n;
  }

  /** Adds every sample of this list to {@code other}. */
  synchronized void addAllTo(Samples other) {
    for (int i = 0; i < size; i++) {
      other.add(values[i]);
    }
  }
}

package io.costlake.jobs.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most heap this JVM (the driver; in local mode the executors too) held right after a garbage
 * collection since the last reset: the live data a stage needed. Peak "used" would count garbage a
 * lazy collector had not yet reclaimed, and grows with -Xmx rather than with the work.
 */
public final class HeapWatch {
  private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
  private static final Set<String> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private static volatile boolean listening;

  private HeapWatch() {}

  public static synchronized void reset() {
    if (!listening) {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter) {
          ((NotificationEmitter) gc)
              .addNotificationListener(
                  (notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                        notification.getType())) {
                      record(
                          GarbageCollectionNotificationInfo.from(
                              (CompositeData) notification.getUserData()));
                    }
                  },
                  null,
                  null);
        }
      }
      listening = true;
    }
    PEAK_AFTER_GC.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  private static void record(GarbageCollectionNotificationInfo info) {
    long after = 0;
    for (Map.Entry<String, MemoryUsage> pool :
        info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (HEAP_POOLS.contains(pool.getKey())) {
        after += pool.getValue().getUsed();
      }
    }
    PEAK_AFTER_GC.accumulateAndGet(after, Math::max);
  }

  public static long peakBytes() {
    return PEAK_AFTER_GC.get();
  }

  /** -Xmx. */
  public static long maxBytes() {
    return Runtime.getRuntime().maxMemory();
  }
}

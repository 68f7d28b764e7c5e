package io.tally.billing.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness ({@code /health/live}): DOWN only when no restart-free recovery exists, which for Tally
 * is a Java-level deadlock (monitors or locks), e.g. two charges or a timer and a reload waiting on
 * each other forever. The JVM finds it cheaply, without the database: a database outage must turn
 * readiness DOWN, never liveness, or an orchestrator would restart every member at once for
 * nothing. Heap use is reported, not judged: a full heap after a burst is not a reason to kill.
 */
@Liveness
@ApplicationScoped
public class JvmLiveness implements HealthCheck {

  private static final long MB = 1024 * 1024;

  @Override
  public HealthCheckResponse call() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] deadlocked = threads.findDeadlockedThreads();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return HealthCheckResponse.named("jvm")
        .status(deadlocked == null)
        .withData("deadlockedThreads", deadlocked == null ? "" : names(threads, deadlocked))
        .withData("threads", threads.getThreadCount())
        .withData("heapUsedMb", heap.getUsed() / MB)
        .withData("heapMaxMb", heap.getMax() / MB)
        .build();
  }

  private static String names(ThreadMXBean threads, long[] ids) {
    return Arrays.stream(threads.getThreadInfo(ids))
        .filter(info -> info != null)
        .map(ThreadInfo::getThreadName)
        .collect(Collectors.joining(", "));
  }
}

package io.tally.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ConcurrentAccessTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The leader/follower queue with a fake writer: groups form, each caller gets its own answer. */
class CommitQueueTest {

  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final List<Integer> sizes = new CopyOnWriteArrayList<>();
  private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  @Test
  void callersArrivingWhileAGroupIsWrittenAreWrittenTogetherEachWithItsOwnAnswer()
      throws Exception {
    CountDownLatch firstWritten = new CountDownLatch(1);
    CommitQueue<Integer, String> queue =
        queue(new CommitQueue.Settings(100, 1, 0, 30_000), blockingFirst(firstWritten));
    Future<String> first = callers.submit(() -> queue.submit(0));
    awaitTrue(() -> groups.size() == 1);
    List<Future<String>> next = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      int item = i;
      next.add(callers.submit(() -> queue.submit(item)));
    }
    awaitTrue(() -> queue.waiting() == 10);

    firstWritten.countDown();

    assertEquals("answer 0", first.get(30, TimeUnit.SECONDS));
    for (int i = 1; i <= 10; i++) {
      assertEquals("answer " + i, next.get(i - 1).get(30, TimeUnit.SECONDS));
    }
    assertEquals(List.of(1, 10), sizes);
    assertEquals(10, groups.get(1).size());
  }

  @Test
  void aGroupThatFailsFailsEachOfItsCallersWithTheSameFault() throws Exception {
    CountDownLatch firstWritten = new CountDownLatch(1);
    IllegalStateException fault = new IllegalStateException("the database went away");
    Function<List<Integer>, List<String>> blocking = blockingFirst(firstWritten);
    CommitQueue<Integer, String> queue =
        queue(
            new CommitQueue.Settings(100, 1, 0, 30_000),
            items -> {
              List<String> answers = blocking.apply(items);
              if (items.size() > 1) {
                throw fault;
              }
              return answers;
            });
    Future<String> first = callers.submit(() -> queue.submit(0));
    awaitTrue(() -> groups.size() == 1);
    List<Future<String>> failing = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      int item = i;
      failing.add(callers.submit(() -> queue.submit(item)));
    }
    awaitTrue(() -> queue.waiting() == 5);

    firstWritten.countDown();

    assertEquals("answer 0", first.get(30, TimeUnit.SECONDS));
    for (Future<String> caller : failing) {
      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> caller.get(30, TimeUnit.SECONDS));
      assertSame(fault, failed.getCause());
    }
  }

  @Test
  void noGroupIsLargerThanItsCapAndNoMoreThanInflightAreWrittenAtOnce() throws Exception {
    AtomicInteger writing = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CommitQueue<Integer, String> queue =
        queue(
            new CommitQueue.Settings(3, 2, 0, 30_000),
            items -> {
              mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
              try {
                return answers(items);
              } finally {
                writing.decrementAndGet();
              }
            });
    List<Future<String>> all = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int i = 0; i < 400; i++) {
      int item = i;
      all.add(
          callers.submit(
              () -> {
                start.await();
                return queue.submit(item);
              }));
    }
    start.countDown();

    for (int i = 0; i < all.size(); i++) {
      assertEquals("answer " + i, all.get(i).get(60, TimeUnit.SECONDS));
    }
    assertTrue(sizes.stream().allMatch(size -> size >= 1 && size <= 3), sizes.toString());
    assertEquals(400, sizes.stream().mapToInt(Integer::intValue).sum());
    assertTrue(mostAtOnce.get() <= 2, mostAtOnce + " groups written at once");
  }

  @Test
  void aCallerNoGroupTookInTimeTakesItsItemBackAndIsNotWritten() throws Exception {
    CountDownLatch firstWritten = new CountDownLatch(1);
    CommitQueue<Integer, String> queue =
        queue(new CommitQueue.Settings(100, 1, 0, 200), blockingFirst(firstWritten));
    Future<String> first = callers.submit(() -> queue.submit(0));
    awaitTrue(() -> groups.size() == 1);

    Future<String> late = callers.submit(() -> queue.submit(1));
    ExecutionException timedOut =
        assertThrows(ExecutionException.class, () -> late.get(30, TimeUnit.SECONDS));
    firstWritten.countDown();

    assertTrue(timedOut.getCause() instanceof ConcurrentAccessTimeoutException);
    assertTrue(timedOut.getCause().getMessage().contains("nothing written"));
    // The leader writes its group itself: it is answered however long the write took.
    assertEquals("answer 0", first.get(30, TimeUnit.SECONDS));
    assertEquals(0, queue.waiting());
    assertEquals(List.of(List.of(0)), groups);
  }

  private CommitQueue<Integer, String> queue(
      CommitQueue.Settings settings, Function<List<Integer>, List<String>> writer) {
    return new CommitQueue<>(
        settings,
        items -> {
          groups.add(List.copyOf(items));
          return writer.apply(items);
        },
        sizes::add);
  }

  /** Answers each item; the first group waits for {@code release} before it answers. */
  private static Function<List<Integer>, List<String>> blockingFirst(CountDownLatch release) {
    AtomicInteger calls = new AtomicInteger();
    return items -> {
      if (calls.getAndIncrement() == 0) {
        try {
          assertTrue(release.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return answers(items);
    };
  }

  private static List<String> answers(List<Integer> items) {
    return items.stream().map(item -> "answer " + item).toList();
  }

  /** Polls {@code condition} for up to 30 s. */
  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within 30 s");
      Thread.sleep(1);
    }
  }
}

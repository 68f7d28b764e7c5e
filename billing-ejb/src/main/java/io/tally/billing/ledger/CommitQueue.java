package io.tally.billing.ledger;

import jakarta.ejb.ConcurrentAccessTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Gathers concurrent callers' items into groups written together, with no thread of its own (leader
 * and followers): a caller queues its item; while fewer than {@code inflight} groups are being
 * written, the caller that finds a free slot becomes the leader, takes up to {@code maxSize} queued
 * items (its own among them, unless an earlier leader took it) and writes them with one call of the
 * writer, in its own thread; every caller whose item was in the group is handed its own answer and
 * woken. A leader that finishes wakes the oldest waiting caller, which leads the next group. Every
 * wait is bounded by {@code timeout}: a caller whose item is still queued then takes it back
 * (nothing was written) and fails with {@link ConcurrentAccessTimeoutException}, which the server
 * answers 503 like any fault of the database.
 *
 * @param <T> an item to write
 * @param <R> one item's answer
 */
final class CommitQueue<T, R> {

  /** How groups form: at most {@code maxSize} items, {@code inflight} groups at once. */
  record Settings(int maxSize, int inflight, long fillMicros, long timeoutMillis) {}

  private final Queue<Waiter<T, R>> queue = new ConcurrentLinkedQueue<>();
  private final Semaphore slots;
  private final Settings settings;
  private final Function<List<T>, List<R>> writer;
  private final IntConsumer sizes;

  /**
   * {@code writer} answers one answer per item, in order, or throws: then every caller of the group
   * fails with what it threw. {@code sizes} hears each group's size before it is written.
   */
  CommitQueue(Settings settings, Function<List<T>, List<R>> writer, IntConsumer sizes) {
    this.settings = settings;
    this.slots = new Semaphore(settings.inflight());
    this.writer = writer;
    this.sizes = sizes;
  }

  /** Writes {@code item} in a group and answers its own answer. */
  R submit(T item) {
    Waiter<T, R> waiter = new Waiter<>(item, Thread.currentThread());
    queue.add(waiter);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
    boolean interrupted = false;
    try {
      while (!waiter.done) {
        // Queued before trying for a slot, and a leader wakes the head after giving its slot back:
        // so a free slot is never left unused while something waits in the queue.
        if (!waiter.taken && slots.tryAcquire()) {
          try {
            lead();
          } finally {
            slots.release();
            wakeHead();
          }
          continue;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw timedOut(waiter);
        }
        LockSupport.parkNanos(this, left);
        // An interrupt must not turn the wait into a spin; it is kept for the caller.
        interrupted |= Thread.interrupted();
      }
      return waiter.answer();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Callers whose item no group has taken yet. */
  int waiting() {
    return queue.size();
  }

  private void lead() {
    List<Waiter<T, R>> group = take(new ArrayList<>());
    if (settings.fillMicros() > 0 && group.size() < settings.maxSize()) {
      // Let a group fill a little when the caller would rather wait than write alone.
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(settings.fillMicros()));
      take(group);
    }
    if (group.isEmpty()) {
      return;
    }
    sizes.accept(group.size());
    try {
      List<R> answers = writer.apply(group.stream().map(Waiter::item).toList());
      if (answers.size() != group.size()) {
        throw new IllegalStateException(
            "the writer answered " + answers.size() + " of " + group.size() + " items");
      }
      for (int i = 0; i < group.size(); i++) {
        group.get(i).finish(answers.get(i), null);
      }
    } catch (RuntimeException | Error failure) {
      for (Waiter<T, R> waiter : group) {
        waiter.finish(null, failure);
      }
    }
  }

  private List<Waiter<T, R>> take(List<Waiter<T, R>> group) {
    while (group.size() < settings.maxSize()) {
      Waiter<T, R> next = queue.poll();
      if (next == null) {
        break;
      }
      next.taken = true;
      group.add(next);
    }
    return group;
  }

  private void wakeHead() {
    Waiter<T, R> head = queue.peek();
    if (head != null) {
      LockSupport.unpark(head.thread);
    }
  }

  private ConcurrentAccessTimeoutException timedOut(Waiter<T, R> waiter) {
    if (queue.remove(waiter)) {
      // Had a leader just woken this caller to lead, the next one leads instead.
      wakeHead();
      return new ConcurrentAccessTimeoutException(
          "no group took the charge within " + settings.timeoutMillis() + " ms; nothing written");
    }
    return new ConcurrentAccessTimeoutException(
        "the charge's group did not commit within "
            + settings.timeoutMillis()
            + " ms; retrying with the same requestId answers the charge if it committed");
  }

  /** One caller: its item, and once its group is written, its answer or its group's failure. */
  private static final class Waiter<T, R> {
    final T item;
    final Thread thread;
    volatile boolean taken;
    volatile boolean done;
    private R answer;
    private Throwable failure;

    Waiter(T item, Thread thread) {
      this.item = item;
      this.thread = thread;
    }

    T item() {
      return item;
    }

    void finish(R answer, Throwable failure) {
      this.answer = answer;
      this.failure = failure;
      done = true; // publishes the two fields above to the caller's thread
      if (thread != Thread.currentThread()) {
        LockSupport.unpark(thread);
      }
    }

    R answer() {
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      return answer;
    }
  }
}

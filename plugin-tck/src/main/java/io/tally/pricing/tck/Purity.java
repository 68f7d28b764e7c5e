package io.tally.pricing.tck;

import io.tally.pricing.spi.PricingPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pure plugin gives each input the same outcome whatever else happens: on a fresh instance, on an
 * instance that has priced many other inputs first, on eight threads sharing one instance at once.
 * A plugin that keeps a counter or a cache, or reads the clock into its quotes, differs somewhere
 * along the way. What no run can show (a price that changes at midnight) {@link CodeScan} looks for
 * in the plugin's bytecode instead.
 */
final class Purity {

  static final int THREADS = 8;
  private static final int ROUNDS = 60;
  private static final long TIMEOUT_SECONDS = 120;

  private Purity() {}

  /**
   * Each input's outcome on its own fresh instance: what the plugin says when nothing came first.
   */
  static List<Outcome> reference(Subject subject, List<Input> inputs) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Input input : inputs) {
      outcomes.add(input.priceWith(subject.plugin()));
    }
    return outcomes;
  }

  static void checkInterleaved(Subject subject) {
    List<Input> inputs = subject.purityInputs();
    List<Outcome> reference = reference(subject, inputs);
    PricingPlugin used = subject.plugin();
    Problems problems = new Problems("purity when interleaved");
    for (int round = 0; round < ROUNDS && problems.isEmpty(); round++) {
      // Forward, then backward with a shifting start, so each input follows different others.
      for (int k = 0; k < inputs.size(); k++) {
        int i = round % 2 == 0 ? k : Math.floorMod(round - k, inputs.size());
        Outcome outcome = inputs.get(i).priceWith(used);
        if (!outcome.equals(reference.get(i))) {
          problems.add(
              differs(inputs.get(i), "in round " + (round + 1), outcome, reference.get(i)));
        }
      }
    }
    problems.throwIfAny();
  }

  static void checkEightThreads(Subject subject) {
    List<Input> inputs = subject.purityInputs();
    List<Outcome> reference = reference(subject, inputs);
    PricingPlugin shared = subject.plugin();
    Problems problems = new Problems("purity on " + THREADS + " threads");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        runs.add(pool.submit(() -> run(thread, shared, inputs, reference, start, problems)));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (TimeoutException stuck) {
      problems.add("pricing on " + THREADS + " threads took over " + TIMEOUT_SECONDS + " s");
    } catch (Exception failed) {
      problems.add("a pricing thread failed: " + failed);
    } finally {
      pool.shutdownNow();
    }
    problems.throwIfAny();
  }

  private static Void run(
      int thread,
      PricingPlugin shared,
      List<Input> inputs,
      List<Outcome> reference,
      CountDownLatch start,
      Problems problems)
      throws InterruptedException {
    start.await();
    for (int round = 0; round < ROUNDS; round++) {
      for (int k = 0; k < inputs.size(); k++) {
        // Each thread starts at another input, so the threads price different inputs at once.
        int i = (k + thread * 7 + round) % inputs.size();
        Outcome outcome = inputs.get(i).priceWith(shared);
        if (!outcome.equals(reference.get(i))) {
          String when = "on thread " + (thread + 1) + " in round " + (round + 1);
          problems.add(differs(inputs.get(i), when, outcome, reference.get(i)));
          return null;
        }
      }
    }
    return null;
  }

  static void checkCode(Subject subject) {
    Problems problems = new Problems("no clock, no I/O, no state");
    CodeScan.scan(subject.plugin().getClass()).forEach(problems::add);
    problems.throwIfAny();
  }

  private static String differs(Input input, String when, Outcome got, Outcome first) {
    return input + " " + when + " " + got + ", where a fresh plugin " + first;
  }
}

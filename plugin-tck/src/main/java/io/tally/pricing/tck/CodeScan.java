package io.tally.pricing.tck;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks in the plugin's own classes (the plugin class and every class of its jar or directory that
 * it reaches) for what a pure plugin never needs: the clock, randomness, files, the network, the
 * environment, and fields that change. A plugin that prices peak hours higher passes every run
 * before noon; its bytecode names {@code LocalTime.now} at any hour.
 */
final class CodeScan {

  /** Prefixes of {@code owner.name} (members) or class names, and why each is refused. */
  private static final Map<String, String> FORBIDDEN =
      Map.ofEntries(
          Map.entry("java/lang/System.currentTimeMillis", "reads the clock"),
          Map.entry("java/lang/System.nanoTime", "reads the clock"),
          Map.entry("java/time/Clock", "reads the clock"),
          Map.entry("java/time/InstantSource", "reads the clock"),
          Map.entry("java/util/Date.<init> ()V", "reads the clock"),
          Map.entry("java/util/Calendar.getInstance", "reads the clock"),
          Map.entry("java/util/Random", "draws random numbers"),
          Map.entry("java/security/SecureRandom", "draws random numbers"),
          Map.entry("java/util/concurrent/ThreadLocalRandom", "draws random numbers"),
          Map.entry("java/lang/Math.random", "draws random numbers"),
          Map.entry("java/lang/StrictMath.random", "draws random numbers"),
          Map.entry("java/util/UUID.randomUUID", "draws random numbers"),
          Map.entry("java/io/File", "does file I/O"),
          Map.entry("java/io/RandomAccessFile", "does file I/O"),
          Map.entry("java/nio/file/", "does file I/O"),
          Map.entry("java/nio/channels/", "does I/O"),
          Map.entry("java/net/", "uses the network"),
          Map.entry("java/sql/", "uses a database"),
          Map.entry("java/lang/ProcessBuilder", "starts processes"),
          Map.entry("java/lang/Runtime.exec", "starts processes"),
          Map.entry("java/lang/System.getenv", "reads the environment"),
          Map.entry("java/lang/System.getProperty", "reads system properties"),
          Map.entry("java/lang/Thread.sleep", "waits"));

  private CodeScan() {}

  static List<String> scan(Class<?> plugin) {
    List<String> problems = new ArrayList<>();
    String home = home(plugin);
    Deque<String> toRead = new ArrayDeque<>(List.of(internal(plugin)));
    Set<String> seen = new HashSet<>(toRead);
    while (!toRead.isEmpty()) {
      String name = toRead.pop();
      ConstantPool pool = read(plugin.getClassLoader(), name, problems);
      if (pool == null) {
        continue;
      }
      for (String reference : pool.all()) {
        refused(reference)
            .ifPresent(why -> problems.add(shown(name) + " " + why + ": " + reference));
      }
      for (String referenced : pool.classes) {
        if (!seen.contains(referenced) && home.equals(home(plugin.getClassLoader(), referenced))) {
          seen.add(referenced);
          toRead.add(referenced);
        }
      }
    }
    fields(plugin, problems);
    return problems;
  }

  private static java.util.Optional<String> refused(String reference) {
    return FORBIDDEN.entrySet().stream()
        .filter(entry -> reference.startsWith(entry.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .or(() -> nowOfJavaTime(reference));
  }

  /** {@code Instant.now()}, {@code LocalTime.now(zone)} and the rest of {@code java.time}. */
  private static java.util.Optional<String> nowOfJavaTime(String reference) {
    return reference.startsWith("java/time/") && reference.contains(".now ")
        ? java.util.Optional.of("reads the clock")
        : java.util.Optional.empty();
  }

  /**
   * A field that is not final, or holds something made to change (an atomic, a lock, a thread
   * local), is state: the plugin's quotes could depend on what it priced before.
   */
  private static void fields(Class<?> plugin, List<String> problems) {
    for (Class<?> type = plugin;
        type != null && type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.isSynthetic()) {
          continue;
        }
        String shown = type.getSimpleName() + "." + field.getName();
        if (!Modifier.isFinal(field.getModifiers())) {
          problems.add(shown + " holds state: the field is not final");
        } else if (mutable(field.getType())) {
          problems.add(shown + " holds state: a " + field.getType().getSimpleName());
        }
      }
    }
  }

  private static boolean mutable(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.util.concurrent.") || type == ThreadLocal.class;
  }

  private static ConstantPool read(ClassLoader loader, String name, List<String> problems) {
    try (InputStream in = loader.getResourceAsStream(name + ".class")) {
      return in == null ? null : ConstantPool.read(in);
    } catch (IOException unreadable) {
      problems.add("could not read " + shown(name) + ": " + unreadable.getMessage());
      return null;
    }
  }

  /** The jar or directory a class comes from, so the scan stays in the plugin's own code. */
  private static String home(ClassLoader loader, String name) {
    URL url = loader == null ? null : loader.getResource(name + ".class");
    if (url == null) {
      return "";
    }
    String text = url.toString();
    return text.substring(0, text.length() - (name + ".class").length());
  }

  private static String home(Class<?> type) {
    return home(type.getClassLoader(), internal(type));
  }

  private static String internal(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private static String shown(String internalName) {
    return internalName.replace('/', '.');
  }
}

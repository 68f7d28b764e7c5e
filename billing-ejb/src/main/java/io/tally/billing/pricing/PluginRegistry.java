package io.tally.billing.pricing;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.PluginReload;
import io.tally.billing.api.PluginService;
import io.tally.billing.api.PluginView;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.platform.JobGuard;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pricing plugins by model family: the class path's, loaded at start, and the plugin
 * directory's, rescanned while the server runs (every {@code tally.plugins.poll-seconds} when a
 * jar's name, size or time changed, and at once on an admin's reload).
 *
 * <p>Pricing never waits for a scan: what serves is one immutable {@link PluginSnapshot} in a
 * volatile field ({@link ServingPlugins}), read once per priced call; a scan builds the next one
 * aside and publishes it with one write, so calls in flight finish on the version they took. Scans
 * run one at a time.
 */
@Startup
@Singleton
@LocalBean
@Local(PluginService.class)
@Lock(LockType.READ)
@Interceptors(JobGuard.class)
public class PluginRegistry implements PluginService {

  private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());

  /** The audit's target of a reload: the plugins as a whole. */
  private static final String TARGET = "plugins";

  @Inject
  @ConfigProperty(name = "tally.plugins.dir")
  Optional<String> pluginDirectory;

  @Inject
  @ConfigProperty(name = "tally.plugins.poll-seconds", defaultValue = "10")
  long pollSeconds;

  @Inject Clock clock;

  @Inject AuditTrail audit;

  @PersistenceContext EntityManager em;

  @Resource TimerService timers;

  private final ReentrantLock scanning = new ReentrantLock();
  @Inject ServingPlugins serving;

  private List<PluginSnapshot.ClassPathPlugin> classPath;
  private List<String> classPathProblems;
  private PluginDirectory directory;

  @PostConstruct
  void load() {
    PluginLoader.Result found = PluginLoader.classPath(PluginRegistry.class.getClassLoader());
    String started = clock.instant().toString();
    classPath =
        found.byFamily().values().stream()
            .distinct()
            .map(
                loaded ->
                    new PluginSnapshot.ClassPathPlugin(
                        loaded, ClassPathJars.sha256(loaded.plugin().getClass()), started))
            .toList();
    classPathProblems = found.problems();
    directory =
        pluginDirectory
            .filter(dir -> !dir.isBlank())
            .map(
                dir ->
                    new PluginDirectory(
                        Path.of(dir),
                        Path.of(System.getProperty("java.io.tmpdir"), "tally-plugin-cache"),
                        found.byFamily()))
            .orElse(null);
    // Nothing serves from the directory yet, so no family can be lost: no model need be asked.
    List<String> changes = scan(families -> Set.of());
    changes.forEach(change -> LOG.info("pricing plugins: " + change));
    serving.current().problems().forEach(LOG::severe);
    if (directory != null && pollSeconds > 0) {
      long interval = pollSeconds * 1000;
      timers.createIntervalTimer(interval, interval, new TimerConfig("plugin-poll", false));
    }
  }

  /** The plugin that prices {@code family} now; read once per call. */
  public Optional<PluginLoader.Loaded> forFamily(String family) {
    return serving.forFamily(family);
  }

  /** What is refused or kept, and why, for the health check and the logs. */
  public List<String> problems() {
    return serving.current().problems();
  }

  /** Whether the class path itself had a broken plugin: a build error, unlike a directory's jar. */
  public boolean classPathBroken() {
    return !classPathProblems.isEmpty();
  }

  /** Serving plugins (active and kept) and refused jars. */
  public List<PluginView> list() {
    return serving.current().plugins();
  }

  @Override
  public List<PluginView> plugins() {
    return list();
  }

  @Override
  public PluginReload reload() {
    scanning.lock();
    try {
      List<PluginView> before = serving.current().plugins();
      List<String> changes = scan(this::familiesInUse);
      changes.forEach(change -> LOG.info("pricing plugins (reload): " + change));
      audit.record(
          new Change(
              AuditAction.PLUGINS_RELOADED,
              TARGET,
              null,
              Change.state("plugins", summary(before)),
              after(changes),
              null));
      return new PluginReload(changes, serving.current().plugins());
    } finally {
      scanning.unlock();
    }
  }

  /** The poll: a scan only when the directory changed, and none while another runs. */
  @Timeout
  void poll() {
    if (directory == null || !scanning.tryLock()) {
      return;
    }
    try {
      if (!directory.changed()) {
        return;
      }
      List<String> changes = scan(this::familiesInUse);
      changes.forEach(change -> LOG.info("pricing plugins: " + change));
      if (!changes.isEmpty()) {
        audit.record(
            new Change(AuditAction.PLUGINS_RELOADED, TARGET, null, null, after(changes), null));
      }
    } finally {
      scanning.unlock();
    }
  }

  private List<String> scan(java.util.function.Function<Set<String>, Set<String>> inUse) {
    List<String> changes = List.of();
    List<String> directoryProblems = List.of();
    PluginDirectory.State state = PluginDirectory.State.EMPTY;
    if (directory != null) {
      Instant now = clock.instant();
      changes = directory.scan(now, inUse);
      state = directory.state();
      if (!Files.isDirectory(directory.directory())) {
        directoryProblems =
            List.of("plugin directory " + directory.directory() + " does not exist");
      }
    }
    serving.publish(PluginSnapshot.of(classPath, classPathProblems, state, directoryProblems));
    return changes;
  }

  private Set<String> familiesInUse(Set<String> families) {
    return new HashSet<>(
        em.createQuery(
                "SELECT DISTINCT m.family FROM Model m WHERE m.family IN :families", String.class)
            .setParameter("families", families)
            .getResultList());
  }

  private java.util.Map<String, Object> after(List<String> changes) {
    return Change.state(
        "directory",
        directory == null ? null : directory.directory().toString(),
        "changes",
        changes,
        "plugins",
        summary(serving.current().plugins()));
  }

  private static List<String> summary(List<PluginView> plugins) {
    return plugins.stream()
        .map(
            p ->
                (p.id() == null ? "" : p.id() + " " + p.version() + " ")
                    + "("
                    + p.source()
                    + (p.sha256() == null || p.sha256().isEmpty()
                        ? ""
                        : ", sha256 " + p.sha256().substring(0, 12))
                    + ") "
                    + p.state())
        .toList();
  }
}

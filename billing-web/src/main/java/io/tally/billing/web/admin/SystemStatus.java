package io.tally.billing.web.admin;

import io.tally.billing.api.LedgerService;
import io.tally.billing.api.PluginReload;
import io.tally.billing.api.PluginService;
import io.tally.billing.api.PluginView;
import io.tally.billing.api.ReconciliationReport;
import io.tally.billing.web.platform.FieldErrors;
import io.tally.billing.web.platform.Texts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The pricing plugins (serving, kept and refused, with why) and the ledger's reconciliation, read
 * when the page is shown; and the admin's reload of the plugin directory.
 */
@Named
@RequestScoped
public class SystemStatus {

  @Inject PluginService pluginService;

  @Inject LedgerService ledger;

  @Inject Texts texts;

  private List<PluginView> plugins;
  private ReconciliationReport reconciliation;

  public List<PluginView> getPlugins() {
    if (plugins == null) {
      plugins = pluginService.plugins();
    }
    return plugins;
  }

  /** The problems, one per plugin or jar that has one. */
  public List<PluginView> getProblems() {
    return getPlugins().stream().filter(plugin -> plugin.problem() != null).toList();
  }

  public ReconciliationReport getReconciliation() {
    if (reconciliation == null) {
      reconciliation = ledger.reconcile();
    }
    return reconciliation;
  }

  /** Rescans the plugin directory; what changed is shown above the table. */
  public void reload() {
    PluginReload done;
    try {
      done = pluginService.reload();
    } catch (RuntimeException thrown) {
      FieldErrors.show(FieldErrors.refusal(thrown), java.util.Map.of());
      return;
    }
    plugins = done.plugins();
    FieldErrors.info(
        done.changes().isEmpty()
            ? texts.get("system.reload.nothing")
            : texts.get("system.reload.done") + " " + String.join("; ", done.changes()));
  }
}

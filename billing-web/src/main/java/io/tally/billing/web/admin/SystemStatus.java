package io.tally.billing.web.admin;

import io.tally.billing.api.CatalogService;
import io.tally.billing.api.LedgerService;
import io.tally.billing.api.PluginView;
import io.tally.billing.api.ReconciliationReport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The loaded pricing plugins and the ledger's reconciliation, read when the page is shown. */
@Named
@RequestScoped
public class SystemStatus {

  @Inject CatalogService catalog;

  @Inject LedgerService ledger;

  private List<PluginView> plugins;
  private ReconciliationReport reconciliation;

  public List<PluginView> getPlugins() {
    if (plugins == null) {
      plugins = catalog.plugins();
    }
    return plugins;
  }

  public ReconciliationReport getReconciliation() {
    if (reconciliation == null) {
      reconciliation = ledger.reconcile();
    }
    return reconciliation;
  }
}

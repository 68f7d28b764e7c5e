package io.tally.billing.web.pricing;

import io.tally.billing.api.CatalogService;
import io.tally.billing.api.ModelView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;

/**
 * The public catalog ({@code /models}, no sign-in): every model with its family, GPU and price in
 * words, searched by a text that its id, name or family contains (case does not matter). The search
 * is a plain GET, so a search is a link.
 */
@Named
@RequestScoped
public class ModelCatalog {

  @Inject CatalogService catalog;

  private String q;
  private List<ModelView> models;

  public List<ModelView> getModels() {
    if (models == null) {
      String wanted = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
      models =
          catalog.list().stream()
              .filter(
                  model ->
                      wanted.isEmpty()
                          || contains(model.id(), wanted)
                          || contains(model.name(), wanted)
                          || contains(model.family(), wanted))
              .toList();
    }
    return models;
  }

  private static boolean contains(String text, String wanted) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(wanted);
  }

  public String getQ() {
    return q;
  }

  public void setQ(String q) {
    this.q = q;
  }
}

package io.tally.billing.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.ResourceBundle;

/** The pages' texts (the bundle {@code msg}) for backing beans, with a fallback for codes. */
@Named
@ApplicationScoped
public class Texts {

  /** The text for {@code key}. */
  public String get(String key) {
    return bundle().getString(key);
  }

  /** The text for {@code prefix + code} (a ledger entry's kind), or the code itself if none. */
  public String label(String prefix, String code) {
    ResourceBundle bundle = bundle();
    return bundle.containsKey(prefix + code) ? bundle.getString(prefix + code) : code;
  }

  private static ResourceBundle bundle() {
    FacesContext context = FacesContext.getCurrentInstance();
    return context.getApplication().getResourceBundle(context, "msg");
  }
}

package io.tally.billing.web.platform;

import io.tally.billing.api.BillingException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;

/**
 * Puts a service's refusal beside the field it names, the way the HTTP API names it in {@code
 * "field"}: the pages apply the services' rules, they do not repeat them.
 */
public final class FieldErrors {

  private FieldErrors() {}

  /**
   * Shows {@code refusal} beside the input whose client id {@code inputs} maps its field to, or at
   * the top of the page when it names no field of this form.
   */
  public static void show(BillingException refusal, Map<String, String> inputs) {
    String clientId = refusal.field() == null ? null : inputs.get(refusal.field());
    error(clientId, refusal.getMessage());
  }

  /** An error message beside {@code clientId}, or at the top of the page when it is null. */
  public static void error(String clientId, String text) {
    FacesContext.getCurrentInstance()
        .addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
  }

  /** A confirmation at the top of the page. */
  public static void info(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
  }

  /** The refusal a service threw, unwrapped from the EJB container's wrapper where there is one. */
  public static BillingException refusal(RuntimeException thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof BillingException billing) {
        return billing;
      }
    }
    throw thrown;
  }
}

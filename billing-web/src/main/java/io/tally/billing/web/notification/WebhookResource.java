package io.tally.billing.web.notification;

import static io.tally.billing.web.platform.Authentication.requireAccess;

import io.tally.billing.api.AccountService;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.NotificationService;
import io.tally.billing.api.WebhookView;
import io.tally.billing.web.platform.Body;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An account's webhook endpoint: {@code PUT} creates it (201 with the signing secret, shown this
 * once) or changes its url and enabled flag (200), {@code GET} shows it without the secret, {@code
 * DELETE} removes it.
 */
@ApplicationScoped
@Path("accounts/{id}/webhook")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

  static final int MAX_URL = 2000;

  @Context SecurityContext security;

  @Inject NotificationService notifications;

  @Inject AccountService accounts;

  @GET
  public WebhookView show(@PathParam("id") long id) {
    requireAccess(security, id);
    accounts.find(id);
    return notifications.webhook(id);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "Created: the signing secret, shown this once.",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  @APIResponse(
      responseCode = "200",
      description = "Changed.",
      content = @Content(schema = @Schema(implementation = WebhookView.class)))
  public Response save(
      @PathParam("id") long id,
      @RequestBody(content = @Content(schema = @Schema(implementation = WebhookBody.class)))
          String text) {
    requireAccess(security, id);
    WebhookBody body = Body.read(text, WebhookBody.class);
    String url = url(body.url());
    boolean enabled = body.enabled() == null || body.enabled();
    accounts.find(id);
    WebhookView saved = notifications.saveWebhook(id, url, enabled);
    return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(saved)
        .build();
  }

  @DELETE
  @APIResponse(responseCode = "204", description = "Deleted.")
  public Response remove(@PathParam("id") long id) {
    requireAccess(security, id);
    accounts.find(id);
    notifications.deleteWebhook(id);
    return Response.noContent().build();
  }

  /** An absolute http or https URL with a host and no credentials in it. */
  private static String url(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && uri.getRawFragment() == null) {
        return text;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw BillingException.invalid(
        "url", "url must be an absolute http:// or https:// URL with a host, no user or fragment");
  }
}

package io.tally.billing.web.platform;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Gives every operation of {@code /openapi} the refusals any call can get (a bad request, no key, a
 * rate limit, an outage, and a 404 when its path names something), so the resources only name the
 * ones particular to them. Registered by {@code mp.openapi.filter}; the answers themselves are in
 * {@code META-INF/openapi.yaml}.
 */
public class OpenApiDocument implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
      if (path.getValue().getOperations() == null) {
        continue;
      }
      boolean namesSomething = path.getKey().contains("{");
      for (Operation operation : path.getValue().getOperations().values()) {
        if (operation.getResponses() == null) {
          operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses answers = operation.getResponses();
        add(answers, "400", "BadRequest");
        add(answers, "401", "Unauthenticated");
        if (namesSomething) {
          add(answers, "404", "NotFound");
        }
        add(answers, "429", "TooManyRequests");
        add(answers, "503", "Unavailable");
      }
    }
  }

  private static void add(APIResponses answers, String status, String response) {
    if (!answers.hasAPIResponse(status)) {
      answers.addAPIResponse(
          status, OASFactory.createAPIResponse().ref("#/components/responses/" + response));
    }
  }
}

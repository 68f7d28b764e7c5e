package io.tally.billing.web.platform;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes {@code /openapi} after Payara's scan. Each operation's request body and answers are
 * typed from its resource method ({@link OpenApiTypes}: the request record its {@code @RequestBody}
 * names, the view it returns or its {@code @APIResponse} names), and it gets the refusals any call
 * can get (a bad request, no key, a rate limit, an outage, and a 404 when its path names
 * something), so the resources only name the ones particular to them. Registered by {@code
 * mp.openapi.filter}; the shared answers are in {@code META-INF/openapi.yaml}.
 */
public class OpenApiDocument implements OASFilter {

  private static final String BASE = "/api/v1";

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    Map<String, Method> methods = resourceMethods();
    OpenApiTypes types = new OpenApiTypes();
    for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
      if (path.getValue().getOperations() == null) {
        continue;
      }
      boolean namesSomething = path.getKey().contains("{");
      for (var entry : path.getValue().getOperations().entrySet()) {
        Operation operation = entry.getValue();
        if (operation.getResponses() == null) {
          operation.setResponses(OASFactory.createAPIResponses());
        }
        Method method = methods.get(entry.getKey().name() + " " + path.getKey());
        if (method != null) {
          type(operation, method, types);
        }
        // Payara names an operation by its Java method alone: many are "get" or "list".
        operation.setOperationId(operationId(entry.getKey().name(), path.getKey(), method));
        APIResponses answers = operation.getResponses();
        refusal(answers, "400", "BadRequest");
        refusal(answers, "401", "Unauthenticated");
        if (namesSomething) {
          refusal(answers, "404", "NotFound");
        }
        refusal(answers, "429", "TooManyRequests");
        refusal(answers, "503", "Unavailable");
      }
    }
    Map<String, Schema> schemas = new HashMap<>();
    if (openApi.getComponents().getSchemas() != null) {
      schemas.putAll(openApi.getComponents().getSchemas());
    }
    schemas.putAll(types.named());
    openApi.getComponents().setSchemas(schemas);
  }

  /** {@code accountsGet}, {@code usageCharge}: the resource and its method. */
  private static String operationId(String verb, String path, Method method) {
    if (method == null) {
      return (verb + path).replaceAll("[^A-Za-z0-9]+", "_");
    }
    String resource = method.getDeclaringClass().getSimpleName().replace("Resource", "");
    String name = method.getName();
    return Character.toLowerCase(resource.charAt(0))
        + resource.substring(1)
        + Character.toUpperCase(name.charAt(0))
        + name.substring(1);
  }

  /** The body the method reads and the answers it gives, typed from its Java types. */
  private static void type(Operation operation, Method method, OpenApiTypes types) {
    for (Parameter parameter : method.getParameters()) {
      RequestBody body = parameter.getAnnotation(RequestBody.class);
      if (body != null && body.content().length > 0) {
        operation.setRequestBody(
            OASFactory.createRequestBody()
                .required(body.required())
                .content(json(types.of(body.content()[0].schema().implementation()))));
      }
    }
    APIResponses answers = operation.getResponses();
    APIResponse[] declared = method.getAnnotationsByType(APIResponse.class);
    boolean typedByAnnotation = false;
    for (APIResponse answer : declared) {
      if (answer.content().length > 0 && answers.hasAPIResponse(answer.responseCode())) {
        answers
            .getAPIResponse(answer.responseCode())
            .content(json(types.of(answer.content()[0].schema().implementation())));
        typedByAnnotation = true;
      }
    }
    if (!typedByAnnotation && method.getReturnType() != Response.class) {
      answers.addAPIResponse(
          "200",
          OASFactory.createAPIResponse()
              .description("OK")
              .content(json(types.of(method.getGenericReturnType()))));
    }
    // Payara's "default" answer is an untyped object; the method's own answers replace it.
    if (answers.getAPIResponses().keySet().stream().anyMatch(status -> status.startsWith("2"))) {
      answers.removeAPIResponse("default");
    }
  }

  private static Content json(Schema schema) {
    return OASFactory.createContent()
        .addMediaType("application/json", OASFactory.createMediaType().schema(schema));
  }

  private static void refusal(APIResponses answers, String status, String response) {
    if (!answers.hasAPIResponse(status)) {
      answers.addAPIResponse(
          status, OASFactory.createAPIResponse().ref("#/components/responses/" + response));
    }
  }

  /** {@code "POST /api/v1/usage"} to its resource method, for the resources of this module. */
  private static Map<String, Method> resourceMethods() {
    Map<String, Method> methods = new HashMap<>();
    ClassLoader loader = OpenApiDocument.class.getClassLoader();
    for (Class<?> type : resourceClasses(loader)) {
      for (Method method : type.getMethods()) {
        String verb = verb(method);
        if (verb != null) {
          String path = "/" + type.getAnnotation(Path.class).value();
          Path sub = method.getAnnotation(Path.class);
          if (sub != null) {
            path += "/" + sub.value();
          }
          methods.put(verb + " " + BASE + path.replaceAll("/+", "/").replaceAll("/$", ""), method);
        }
      }
    }
    return methods;
  }

  private static String verb(Method method) {
    for (var annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value().toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }

  /** The classes with {@code @Path} beside this one, in the web module's classes folder. */
  private static Iterable<Class<?>> resourceClasses(ClassLoader loader) {
    try {
      String self = OpenApiDocument.class.getName().replace('.', '/') + ".class";
      var url = loader.getResource(self);
      if (url == null || !"file".equals(url.getProtocol())) {
        return java.util.List.of();
      }
      var root =
          Paths.get(url.toURI())
              .getRoot()
              .resolve(Paths.get(url.toURI()).toString().replace(self, ""));
      var web = root.resolve("io/tally/billing/web");
      if (!Files.isDirectory(web)) {
        return java.util.List.of();
      }
      try (Stream<java.nio.file.Path> files = Files.walk(web)) {
        return files
            .filter(file -> file.toString().endsWith(".class"))
            .map(
                file ->
                    root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
            .<Class<?>>map(name -> load(loader, name))
            .filter(type -> type != null && type.isAnnotationPresent(Path.class))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | RuntimeException e) {
      return java.util.List.of();
    }
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}

package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The served {@code /openapi} is a document a client can be generated from: an OpenAPI parser reads
 * it without a message, every API resource method is in it with typed bodies and answers, every
 * refusal is the error shape, and requests built from its schemas' examples are accepted, with
 * answers that match its response schemas.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.tally();
  }

  @ArquillianResource URL base;

  private Api api;

  private OpenAPI document;

  /** Paths as the document writes them, less the API's base path if it writes that too. */
  private String prefix;

  @BeforeEach
  void readDocument() throws Exception {
    api = Api.admin(base);
    HttpResponse<String> served =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.toURI().resolve("/openapi")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, served.statusCode(), served.body());
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
    // Payara adds a top-level "endpoints" (the application's URLs) of its own, which is not
    // OpenAPI; it cannot be taken out (Payara's copy of the document fails without it).
    List<String> messages = new ArrayList<>(parsed.getMessages());
    messages.remove("attribute endpoints is unexpected");
    assertEquals(List.of(), messages, "the parser's messages");
    document = parsed.getOpenAPI();
    assertNotNull(document, served.body());
    prefix =
        document.getPaths().keySet().stream().allMatch(p -> p.startsWith("/api/v1/"))
            ? "/api/v1"
            : "";
  }

  @AfterEach
  void reconciled() {
    assertTrue(api.reconciliation().getBoolean("ok"));
  }

  @Test
  void namesThisBuildsVersionAndTheKeys() {
    assertEquals("Tally", document.getInfo().getTitle());
    assertEquals(System.getProperty("tally.version"), document.getInfo().getVersion());
    var schemes = document.getComponents().getSecuritySchemes();
    assertEquals("bearer", schemes.get("accountKey").getScheme());
    assertEquals("bearer", schemes.get("serviceKey").getScheme());
    assertEquals(
        List.of("error", "message"),
        document.getComponents().getSchemas().get("Error").getRequired());
  }

  /** Each JAX-RS method of the application's resources, found by reflection, is an operation. */
  @Test
  void documentsEveryResourceMethodAndNothingElse() throws Exception {
    TreeSet<String> resources = new TreeSet<>();
    TreeSet<String> support = new TreeSet<>();
    for (Class<?> type : resourceClasses()) {
      for (Method method : type.getMethods()) {
        String verb = verb(method);
        if (verb != null) {
          String path = verb + " " + path(type, method);
          (type.getPackageName().endsWith(".support") ? support : resources).add(path);
        }
      }
    }
    TreeSet<String> documented = new TreeSet<>();
    document
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .keySet()
                    .forEach(verb -> documented.add(verb + " " + path.substring(prefix.length()))));
    documented.removeAll(support);
    assertTrue(resources.contains("POST /usage"), resources.toString());
    assertEquals(resources, documented);
  }

  @Test
  void typesEveryBodyAndAnswer() {
    List<String> untyped = new ArrayList<>();
    document
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (verb, operation) -> {
                          String name = verb + " " + path;
                          if (path.contains("test-support")) {
                            return;
                          }
                          if (operation.getRequestBody() != null) {
                            Schema<?> body = json(operation.getRequestBody().getContent(), name);
                            if (!typed(body)) {
                              untyped.add(name + " request " + body);
                            }
                          } else if (verb != PathItem.HttpMethod.GET
                              && verb != PathItem.HttpMethod.DELETE
                              && !name.endsWith("/api-keys")
                              && !name.endsWith("/reload")) {
                            untyped.add(name + " has no request body");
                          }
                          checkAnswers(name, operation, untyped);
                        }));
    assertEquals(List.of(), untyped);
  }

  private void checkAnswers(String name, Operation operation, List<String> untyped) {
    boolean success = false;
    for (Map.Entry<String, ApiResponse> answer : operation.getResponses().entrySet()) {
      if (!answer.getKey().matches("\\d{3}")) {
        untyped.add(name + " answers " + answer.getKey());
        continue;
      }
      int status = Integer.parseInt(answer.getKey());
      ApiResponse response = resolved(answer.getValue());
      if (status >= 200 && status < 300) {
        success = true;
        if (status != 204 && !typed(json(response.getContent(), name + " " + status))) {
          untyped.add(name + " " + status + " " + response.getContent());
        }
      } else {
        Schema<?> error = json(response.getContent(), name + " " + status);
        if (!"#/components/schemas/Error".equals(error.get$ref())) {
          untyped.add(name + " " + status + " is not the Error schema: " + error);
        }
        if (response.getDescription() == null
            || !response
                .getDescription()
                .matches(".*[a-z]+_[a-z_]+.*|.*unauthenticated.*|.*forbidden.*")) {
          untyped.add(name + " " + status + " names no error code: " + response.getDescription());
        }
      }
    }
    if (!success) {
      untyped.add(name + " has no 2xx answer");
    }
    for (String status : List.of("400", "401", "503")) {
      if (!operation.getResponses().containsKey(status)) {
        untyped.add(name + " lacks " + status);
      }
    }
  }

  /**
   * A client built from the document: the request bodies are the schemas' own examples, and the
   * answers are checked against the response schemas, down to each property's JSON type.
   */
  @Test
  void requestsBuiltFromTheExamplesAreAccepted() {
    String model = api.newModel("image", "{\"mode\":\"per_second\",\"ratePerSecond\":\"0.002\"}");

    JsonObject account =
        example("OpenAccountBody").add("email", Api.unique("openapi") + "@example.com").build();
    Api.Reply opened = api.post(path("post", "/accounts"), without(account, "creditLimit"));
    assertEquals(201, opened.status(), opened.body());
    conforms(opened, "/accounts", PathItem.HttpMethod.POST, "201");
    long accountId = opened.json().getJsonNumber("id").longValue();
    assertEquals(new BigDecimal("1.000000"), Api.decimal(opened.json(), "balance"));

    JsonObject quote = example("QuoteBody").add("model", model).remove("workflow").build();
    Api.Reply quoted = api.post("quotes", without(quote, "parts", "parameters"));
    assertEquals(200, quoted.status(), quoted.body());
    conforms(quoted, "/quotes", PathItem.HttpMethod.POST, "200");
    // 1,234 ms at 0.002 $/s
    assertEquals(new BigDecimal("0.002468"), Api.decimal(quoted.json(), "amount"));

    JsonObject usage =
        example("UsageBody")
            .add("requestId", Api.unique("openapi"))
            .add("accountId", accountId)
            .add("model", model)
            .build();
    Api.Reply charged =
        api.post(
            "usage",
            without(usage, "workflow", "parts", "authorizationId", "startedAt", "parameters"));
    assertEquals(201, charged.status(), charged.body());
    conforms(charged, "/usage", PathItem.HttpMethod.POST, "201");
    assertEquals(new BigDecimal("0.002468"), Api.decimal(charged.json(), "amount"));
    assertEquals(new BigDecimal("0.997532"), Api.decimal(charged.json(), "balance"));

    Api.Reply refused = api.post("usage", "{\"requestId\":7}");
    assertEquals(400, refused.status(), refused.body());
    JsonObject error = refused.json();
    assertTrue(error.containsKey("error") && error.containsKey("message"), refused.body());
  }

  // ---------------------------------------------------------------- the document

  private String path(String verb, String path) {
    assertNotNull(document.getPaths().get(prefix + path), verb + " " + path);
    return path.substring(1);
  }

  /** An object holding each property's example of the named schema. */
  private JsonObjectBuilder example(String schemaName) {
    Schema<?> schema = document.getComponents().getSchemas().get(schemaName);
    assertNotNull(schema, schemaName + " in " + document.getComponents().getSchemas().keySet());
    JsonObjectBuilder body = Json.createObjectBuilder();
    schema
        .getProperties()
        .forEach(
            (name, property) -> {
              Object example = property.getExample();
              if (example == null) {
                return;
              }
              if (example instanceof Number number) {
                body.add(name, new BigDecimal(number.toString()));
              } else if (example instanceof Boolean flag) {
                body.add(name, flag);
              } else if (example instanceof Map || example.toString().startsWith("{")) {
                body.add(
                    name,
                    Json.createReader(new java.io.StringReader(toJson(example))).readObject());
              } else {
                body.add(name, example.toString());
              }
            });
    return body;
  }

  private static String toJson(Object example) {
    if (example instanceof Map<?, ?> map) {
      JsonObjectBuilder object = Json.createObjectBuilder();
      map.forEach((k, v) -> object.add(k.toString(), Json.createValue(v.toString())));
      return object.build().toString();
    }
    return example.toString();
  }

  private static String without(JsonObject body, String... names) {
    JsonObjectBuilder copy = Json.createObjectBuilder(body);
    for (String name : names) {
      copy.remove(name);
    }
    return copy.build().toString();
  }

  /** The answer matches the schema the document gives it. */
  private void conforms(Api.Reply reply, String path, PathItem.HttpMethod verb, String status) {
    Operation operation = document.getPaths().get(prefix + path).readOperationsMap().get(verb);
    Schema<?> schema =
        json(resolved(operation.getResponses().get(status)).getContent(), path + " " + status);
    List<String> problems = new ArrayList<>();
    SchemaCheck.check(document, reply.json(), schema, "$", problems);
    assertEquals(List.of(), problems, reply.body());
  }

  private static Schema<?> json(io.swagger.v3.oas.models.media.Content content, String where) {
    assertNotNull(content, where + " has no content");
    MediaType json = content.get("application/json");
    assertNotNull(json, where + " has no application/json content: " + content.keySet());
    assertNotNull(json.getSchema(), where + " has no schema");
    return json.getSchema();
  }

  /** A response, or the shared one of {@code components/responses} it refers to. */
  private ApiResponse resolved(ApiResponse response) {
    if (response.get$ref() == null) {
      return response;
    }
    String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
    ApiResponse shared = document.getComponents().getResponses().get(name);
    assertNotNull(shared, response.get$ref());
    return shared;
  }

  /** A schema a client can generate a type from: a named one, or an array of them. */
  private boolean typed(Schema<?> schema) {
    if (schema.get$ref() != null) {
      return true;
    }
    if ("array".equals(schema.getType()) && schema.getItems() != null) {
      return typed(schema.getItems());
    }
    return "object".equals(schema.getType())
        && schema.getProperties() != null
        && !schema.getProperties().isEmpty();
  }

  // ---------------------------------------------------------------- the resources

  private static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
    Path root = Path.of("target/classes");
    Path testRoot = Path.of("target/test-classes");
    List<Class<?>> found = new ArrayList<>();
    for (Path folder : List.of(root, testRoot)) {
      try (Stream<Path> files = Files.walk(folder.resolve("io/tally/billing/web"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name =
              folder.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
          Class<?> type = Class.forName(name, false, OpenApiIT.class.getClassLoader());
          if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)
              && (folder == root || type.getPackageName().endsWith(".support"))) {
            found.add(type);
          }
        }
      }
    }
    return found;
  }

  private static String verb(Method method) {
    for (var annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value().toUpperCase(java.util.Locale.ROOT);
      }
    }
    return null;
  }

  private static String path(Class<?> type, Method method) {
    String path = "/" + type.getAnnotation(jakarta.ws.rs.Path.class).value();
    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
    if (sub != null) {
      path += "/" + sub.value();
    }
    return path.replaceAll("/+", "/").replaceAll("/$", "");
  }
}

package io.tally.billing.ear;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A MicroProfile Health answer ({@code /health/ready} and the like) as the smoke suites read it.
 */
record Health(int status, JsonObject body) {

  static Health of(Http.Reply reply) {
    return new Health(reply.status(), reply.json());
  }

  String overall() {
    return body.getString("status");
  }

  /** The names among {@code wanted} that the answer lists, as often as it lists them, sorted. */
  List<String> named(List<String> wanted) {
    return checks()
        .map(check -> check.getString("name"))
        .filter(wanted::contains)
        .sorted()
        .toList();
  }

  /** The status of the one check called {@code name}. */
  String status(String name) {
    return check(name).getString("status");
  }

  /**
   * One value of a check's data, as text: Payara writes every value as a JSON string, WildFly's
   * SmallRye numbers as numbers.
   */
  String data(String name, String key) {
    JsonValue value = check(name).getJsonObject("data").get(key);
    if (value == null) {
      throw new AssertionError("no " + key + " in " + name + ": " + body);
    }
    return value instanceof JsonString text ? text.getString() : value.toString();
  }

  private JsonObject check(String name) {
    return checks()
        .filter(check -> check.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + body));
  }

  private Stream<JsonObject> checks() {
    return body.getJsonArray("checks").stream().map(JsonValue::asJsonObject);
  }

  @Override
  public String toString() {
    return status + " " + body;
  }

  /** The newest migration in the source tree (V16__x.sql: "16"), as the EAR under test ships it. */
  static String newestMigration() {
    try (Stream<Path> files =
        Files.list(Path.of("../billing-ejb/src/main/resources/db/migration"))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V[0-9]+__.*\\.sql"))
          .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .max(Integer::compare)
          .map(String::valueOf)
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

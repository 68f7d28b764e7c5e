package io.tally.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One scrape of {@code /metrics}: the Prometheus text read into samples (name, labels, value), as a
 * monitoring tool reads it. A sample line is {@code name{label="value",...} value [timestamp]};
 * label values escape backslash, double quote and newline.
 */
record Scrape(List<Sample> samples) {

  record Sample(String name, Map<String, String> labels, double value) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * Scrapes the application scope (Tally's own figures) of the server of the deployment at {@code
   * deployment}, without a key, as a monitoring tool does.
   */
  static Scrape of(URL deployment) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(deployment.toURI().resolve("/metrics?scope=application"))
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      return parse(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(sample(line.strip()));
      }
    }
    return new Scrape(samples);
  }

  /**
   * The value of the one sample named {@code name} whose labels include {@code labels} (name, value
   * pairs); 0 when there is none, as a counter not yet moved.
   */
  double value(String name, String... labels) {
    List<Sample> found = find(name, labels);
    if (found.size() > 1) {
      throw new AssertionError("more than one " + name + " " + List.of(labels) + ": " + found);
    }
    return found.isEmpty() ? 0 : found.get(0).value();
  }

  /** Whether a sample named {@code name} with {@code labels} is there. */
  boolean has(String name, String... labels) {
    return !find(name, labels).isEmpty();
  }

  /** The names served, for a failure message. */
  String names() {
    return samples.stream()
        .map(Sample::name)
        .filter(name -> name.startsWith("tally"))
        .distinct()
        .collect(Collectors.joining(", "));
  }

  private List<Sample> find(String name, String... labels) {
    return samples.stream()
        .filter(sample -> sample.name().equals(name))
        .filter(
            sample -> {
              for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                  return false;
                }
              }
              return true;
            })
        .toList();
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      rest = labels(line, brace + 1, labels);
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] valueAndTime = line.substring(rest).strip().split("\\s+");
    return new Sample(name, labels, number(valueAndTime[0]));
  }

  /** Reads {@code a="x",b="y"} from {@code from}; answers the index after the closing brace. */
  private static int labels(String line, int from, Map<String, String> labels) {
    int i = from;
    while (line.charAt(i) != '}') {
      int equals = line.indexOf('=', i);
      String key = line.substring(i, equals).strip();
      if (line.charAt(equals + 1) != '"') {
        throw new IllegalArgumentException("label value not quoted: " + line);
      }
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      for (; line.charAt(j) != '"'; j++) {
        char c = line.charAt(j);
        if (c == '\\') {
          char escaped = line.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      labels.put(key, value.toString());
      i = j + 1;
      if (line.charAt(i) == ',') {
        i++;
      }
    }
    return i + 1;
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }
}

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few JSON fields the benchmark reads, by regular expression: no JSON library to ship. */
final class Json {
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d+)");
  private static final Map<String, Pattern> FIELDS = new ConcurrentHashMap<>();

  private Json() {}

  /** The first value of {@code name} anywhere in {@code body}, unquoted; null if absent. */
  static String field(String body, String name) {
    Matcher m = FIELDS.computeIfAbsent(name, Json::fieldPattern).matcher(body);
    if (!m.find()) {
      return null;
    }
    return m.group(2) != null ? m.group(2) : m.group(1);
  }

  private static Pattern fieldPattern(String name) {
    return Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|[-0-9.eE+]+|true|false|null)");
  }

  /** Every {@code "status": n} in order: the per-event results of a batch answer. */
  static List<Integer> statuses(String body) {
    List<Integer> out = new ArrayList<>();
    Matcher m = STATUS.matcher(body);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  static String abbreviate(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }
}

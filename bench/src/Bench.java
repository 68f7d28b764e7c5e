import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tally's benchmark: sets up a priced model and funded accounts through the API, measures the
 * ceiling of each phase over JDBC while the server is idle, then runs the phases (single16,
 * single64, hot, authsettle, reads, batch) with a raw keep-alive HTTP/1.1 load generator, each
 * warmed up until steady, each followed by the money and reconciliation checks. Exit status 0 only
 * if every answer was the one expected and every check passed.
 *
 * <p>bench/run compiles these sources and runs them; alone, against any Tally: {@code javac -d
 * bench/target/classes bench/src/*.java && java -cp bench/target/classes Bench
 * --base=http://host:port --key=ADMIN_KEY} (no ceiling without {@code --db-url} and Connector/J on
 * the class path). The knobs are in {@link Options} and bench/README.md.
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Report report = new Report(options);
    Http http = new Http(options.base(), options.key());
    Api api = new Api(http);
    Fixture fixture = Fixture.create(api, options.accounts());
    Map<String, Ceiling.Step> ceilings =
        options.ceiling() ? new Ceiling(options, fixture).run() : Map.of();
    List<Report.Row> rows = new ArrayList<>();
    for (String name : options.phases()) {
      Phase.Result result =
          new Phase(name, Workload.of(name, fixture, http, options), http, options).run();
      Checks checks = Checks.run(api, fixture);
      Report.Row row = new Report.Row(result, ceilings.get(name), checks);
      report.phaseDone(row);
      rows.add(row);
    }
    boolean ok = report.summary(fixture, rows, ceilings);
    System.exit(ok ? 0 : 1);
  }

  static void log(String message) {
    System.out.println("[bench] " + message);
  }
}

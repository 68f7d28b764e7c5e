import java.util.List;

/**
 * What one client of a phase does in a loop. {@link #call} makes one call (one request, or an
 * authorization and its settling charge), records what failed, adds what it charged to the
 * fixture's count, and answers how many units it completed (0 when it failed).
 */
interface Workload {

  /** What the phase's rate counts: charges, round trips, reads or events. */
  String unit();

  int call(Client client);

  static Workload of(String phase, Fixture fixture, Http http, Options options) {
    int clients = options.clients(phase);
    return switch (phase) {
      case "single16", "single64" -> new Usage(phase, fixture, http, clients, false);
      case "hot" -> new Usage(phase, fixture, http, clients, true);
      case "authsettle" -> new AuthSettle(fixture, http, clients);
      case "reads" -> new Reads(fixture, http, clients);
      case "batch" -> new Batch(fixture, http, options.batchSize());
      default -> throw new IllegalArgumentException(phase);
    };
  }

  /** Client {@code c}'s account at step {@code seq}: neighbours at one step, all in turn. */
  static int spread(int c, long seq, int clients, int accounts) {
    return (int) ((c + seq * clients) % accounts);
  }

  /** {@code POST /usage}, one charge per request; all on account 0 when {@code hot}. */
  record Usage(String phase, Fixture fixture, Http http, int clients, boolean hot)
      implements Workload {
    @Override
    public String unit() {
      return "charges";
    }

    @Override
    public int call(Client c) {
      long seq = c.seq++;
      int account = hot ? 0 : spread(c.index, seq, clients, fixture.accountIds.length);
      byte[] request =
          http.post(
              "/api/v1/usage", fixture.usage(phase + "-" + c.index + "-" + seq, account, null));
      Http.Answer a = c.send(request);
      if (!c.expect(a, "POST /usage", 201)) {
        return 0;
      }
      fixture.charges.incrementAndGet(account);
      if (!Fixture.isCharge(Json.field(a.body(), "amount"))) {
        c.fail("POST /usage amount != " + Fixture.CHARGE, a.body());
      }
      return 1;
    }
  }

  /**
   * {@code POST /authorizations} (the hold of one call's estimated cost), then {@code POST /usage}
   * naming it, which settles the hold and charges the call: one round trip.
   */
  record AuthSettle(Fixture fixture, Http http, int clients) implements Workload {
    @Override
    public String unit() {
      return "round trips";
    }

    @Override
    public int call(Client c) {
      long seq = c.seq++;
      int account = spread(c.index, seq, clients, fixture.accountIds.length);
      String hold =
          "{\"accountId\":"
              + fixture.accountIds[account]
              + ",\"model\":\""
              + Fixture.MODEL
              + "\",\"durationMs\":"
              + Fixture.DURATION_MS
              + "}";
      Http.Answer held = c.send(http.post("/api/v1/authorizations", hold));
      if (!c.expect(held, "POST /authorizations", 201)) {
        return 0;
      }
      String id = Json.field(held.body(), "id");
      if (id == null) {
        c.fail("POST /authorizations without an id", held.body());
        return 0;
      }
      String usage = fixture.usage("authsettle-" + c.index + "-" + seq, account, id);
      Http.Answer charged = c.send(http.post("/api/v1/usage", usage));
      if (!c.expect(charged, "POST /usage (settling)", 201)) {
        return 0;
      }
      fixture.charges.incrementAndGet(account);
      if (!Fixture.isCharge(Json.field(charged.body(), "amount"))) {
        c.fail("POST /usage (settling) amount != " + Fixture.CHARGE, charged.body());
      }
      return 1;
    }
  }

  /** {@code GET /accounts/{id}}: the requests are built once, then only sent. */
  final class Reads implements Workload {
    private final byte[][] requests;
    private final int clients;

    Reads(Fixture fixture, Http http, int clients) {
      this.clients = clients;
      this.requests = new byte[fixture.accountIds.length][];
      for (int i = 0; i < requests.length; i++) {
        requests[i] = http.get("/api/v1/accounts/" + fixture.accountIds[i]);
      }
    }

    @Override
    public String unit() {
      return "reads";
    }

    @Override
    public int call(Client c) {
      long seq = c.seq++;
      Http.Answer a = c.send(requests[spread(c.index, seq, clients, requests.length)]);
      if (!c.expect(a, "GET /accounts/{id}", 200)) {
        return 0;
      }
      if (Json.field(a.body(), "balance") == null) {
        c.fail("GET /accounts/{id} without a balance", a.body());
      }
      return 1;
    }
  }

  /** {@code POST /usage/batch}: {@code size} events per request over the accounts. */
  record Batch(Fixture fixture, Http http, int size) implements Workload {
    @Override
    public String unit() {
      return "events";
    }

    /** Event {@code j} of client {@code c}'s request {@code seq}: the ceiling uses the same. */
    static int account(int c, long seq, int j, int size, int accounts) {
      return (int) ((c * 7919L + seq * size + j) % accounts);
    }

    @Override
    public int call(Client c) {
      long seq = c.seq++;
      int[] accounts = new int[size];
      StringBuilder body = new StringBuilder(size * 120).append("{\"events\":[");
      for (int j = 0; j < size; j++) {
        accounts[j] = account(c.index, seq, j, size, fixture.accountIds.length);
        body.append(j == 0 ? "" : ",")
            .append(fixture.usage("batch-" + c.index + "-" + seq + "-" + j, accounts[j], null));
      }
      Http.Answer a = c.send(http.post("/api/v1/usage/batch", body.append("]}").toString()));
      if (!c.expect(a, "POST /usage/batch", 200)) {
        return 0;
      }
      List<Integer> statuses = Json.statuses(a.body());
      if (statuses.size() != size) {
        c.fail("POST /usage/batch: " + statuses.size() + " results for " + size, a.body());
      }
      int ok = 0;
      for (int j = 0; j < statuses.size() && j < size; j++) {
        int s = statuses.get(j);
        if (s == 201 || (s == 200 && c.resent)) {
          fixture.charges.incrementAndGet(accounts[j]);
          ok++;
        } else {
          c.fail("POST /usage/batch event status " + s, a.body());
        }
      }
      return ok;
    }
  }
}

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The priced model and the funded accounts the phases charge, and what this side saw charged to
 * each account. Every call costs the same: a 1,234 ms call of a model priced 0.1 $/s, so an
 * account's expected debit is its count of charges times 0.123400.
 */
final class Fixture {

  static final String MODEL = "bench-image";
  static final BigDecimal RATE_PER_SECOND = new BigDecimal("0.100000");
  static final int DURATION_MS = 1234;

  /** What one call costs: rate × duration, rounded half-up to micro-dollars (0.123400). */
  static final BigDecimal CHARGE =
      RATE_PER_SECOND
          .multiply(BigDecimal.valueOf(DURATION_MS))
          .movePointLeft(3)
          .setScale(6, RoundingMode.HALF_UP);

  static final BigDecimal CREDIT = new BigDecimal("1000000");

  final String run;
  final long[] accountIds;
  final BigDecimal[] startBalances;

  /** Charges answered 201 (or 200 after a resend) per account index, over all phases. */
  final AtomicLongArray charges;

  private Fixture(String run, long[] accountIds, BigDecimal[] startBalances) {
    this.run = run;
    this.accountIds = accountIds;
    this.startBalances = startBalances;
    this.charges = new AtomicLongArray(accountIds.length);
  }

  static Fixture create(Api api, int accounts) {
    String run = Long.toString(System.currentTimeMillis(), 36);
    Api.expect(
        api.put(
            "/api/v1/models/" + MODEL,
            "{\"family\":\"image\",\"name\":\"Bench image\",\"pricing\":"
                + "{\"mode\":\"per_second\",\"ratePerSecond\":\""
                + RATE_PER_SECOND.toPlainString()
                + "\"}}"),
        "PUT /models/" + MODEL,
        200,
        201);
    long[] ids = new long[accounts];
    BigDecimal[] balances = new BigDecimal[accounts];
    api.parallel(
        accounts,
        8,
        i -> {
          ids[i] = open(api, run, i);
          Api.expect(
              api.post(
                  "/api/v1/accounts/" + ids[i] + "/adjustments",
                  "{\"amount\":\"" + CREDIT.toPlainString() + "\",\"reason\":\"benchmark credit\"}",
                  "bench-" + run + "-credit-" + ids[i]),
              "POST /accounts/" + ids[i] + "/adjustments",
              201);
          balances[i] = account(api, ids[i]).balance();
        });
    Bench.log("setup: model " + MODEL + ", " + accounts + " accounts funded, run " + run);
    return new Fixture(run, ids, balances);
  }

  private static long open(Api api, String run, int i) {
    String body =
        "{\"email\":\"bench-" + run + "-" + i + "@example.com\",\"name\":\"Bench " + i + "\"}";
    Http.Answer a = Api.expect(api.post("/api/v1/accounts", body, null), "POST /accounts", 201);
    return Long.parseLong(Json.field(a.body(), "id"));
  }

  /** An account's balance and available money (balance minus open holds). */
  record Balance(BigDecimal balance, BigDecimal available) {}

  static Balance account(Api api, long id) {
    Http.Answer a = Api.expect(api.get("/api/v1/accounts/" + id), "GET /accounts/" + id, 200);
    return new Balance(
        new BigDecimal(Json.field(a.body(), "balance")),
        new BigDecimal(Json.field(a.body(), "available")));
  }

  /** A usage event of one 1,234 ms call; {@code authorization} may be null. */
  String usage(String id, int account, String authorization) {
    return "{\"requestId\":\"bench-"
        + run
        + "-"
        + id
        + "\",\"accountId\":"
        + accountIds[account]
        + ",\"model\":\""
        + MODEL
        + "\",\"durationMs\":"
        + DURATION_MS
        + (authorization == null ? "" : ",\"authorizationId\":" + authorization)
        + "}";
  }

  static boolean isCharge(String amount) {
    try {
      return amount != null && new BigDecimal(amount).compareTo(CHARGE) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

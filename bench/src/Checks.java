import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * After each phase: every account's debit (balance at setup − balance now) equals exactly the
 * charges this side saw answered times 0.123400; no hold is left open (available == balance: each
 * authorization of phase authsettle was settled by its charge); and {@code GET /reconciliation}
 * says ok.
 */
record Checks(
    long charges,
    BigDecimal expected,
    BigDecimal debited,
    List<String> mismatches,
    boolean reconciled,
    String reconciliation) {

  static Checks run(Api api, Fixture fixture) {
    List<String> mismatches = new CopyOnWriteArrayList<>();
    BigDecimal[] spent = new BigDecimal[fixture.accountIds.length];
    api.parallel(
        fixture.accountIds.length,
        8,
        i -> {
          long id = fixture.accountIds[i];
          Fixture.Balance now = Fixture.account(api, id);
          spent[i] = fixture.startBalances[i].subtract(now.balance());
          BigDecimal counted = Fixture.CHARGE.multiply(BigDecimal.valueOf(fixture.charges.get(i)));
          if (spent[i].compareTo(counted) != 0) {
            mismatches.add("account " + id + ": debited " + spent[i] + ", counted " + counted);
          }
          if (now.available().compareTo(now.balance()) != 0) {
            mismatches.add(
                "account "
                    + id
                    + ": available "
                    + now.available()
                    + " != balance "
                    + now.balance()
                    + " (a hold left open)");
          }
        });
    long charges = 0;
    BigDecimal debited = BigDecimal.ZERO;
    for (int i = 0; i < spent.length; i++) {
      charges += fixture.charges.get(i);
      debited = debited.add(spent[i]);
    }
    Http.Answer r = api.get("/api/v1/reconciliation");
    api.closeAll();
    boolean reconciled = r.status() == 200 && "true".equals(Json.field(r.body(), "ok"));
    return new Checks(
        charges,
        Fixture.CHARGE.multiply(BigDecimal.valueOf(charges)),
        debited,
        mismatches,
        reconciled,
        "HTTP " + r.status() + " " + Json.abbreviate(r.body()));
  }

  boolean ok() {
    return expected.compareTo(debited) == 0 && mismatches.isEmpty() && reconciled;
  }

  String text() {
    StringBuilder b = new StringBuilder("money ");
    b.append(expected.compareTo(debited) == 0 && mismatches.isEmpty() ? "ok" : "MISMATCH");
    b.append(" (").append(charges).append(" charges × ").append(Fixture.CHARGE).append(" = ");
    b.append(expected.toPlainString()).append(", debited ").append(debited.toPlainString());
    b.append(")");
    if (!mismatches.isEmpty()) {
      b.append("; ").append(mismatches.size()).append(" accounts differ, first: ");
      b.append(mismatches.get(0));
    }
    b.append("; reconciliation ").append(reconciled ? "ok" : "FAILED " + reconciliation);
    return b.toString();
  }
}

package io.tally.billing.web;

import static io.tally.billing.web.HostileValues.pick;
import static io.tally.billing.web.HostileValues.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hostile posts of the pages' forms: sign-in and sign-up with a forged, missing or absurd ViewState
 * and hostile field values. Without a real ViewState no form can act, so none can open an account.
 */
final class HostileForms {

  private HostileForms() {}

  static HostileRequests.Request make(int index, String root, SplittableRandom random) {
    boolean signIn = random.nextBoolean();
    String form = signIn ? "signin" : "signup";
    String value =
        pick(random, List.of("%00", "%ff", "%", "x%0d%0ay", "a".repeat(20_000), "%e2%80%ae"));
    String viewState =
        pick(
            random,
            List.of(
                "",
                "-1:-1",
                "stateless",
                "1234567890:9876543210",
                "%00",
                "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA",
                "x".repeat(100_000)));
    StringBuilder body = new StringBuilder(form).append('=').append(form);
    body.append('&').append(form).append("%3Aemail=").append(value);
    body.append('&').append(form).append("%3Apassword=").append(value);
    if (random.nextInt(4) > 0) {
      body.append("&jakarta.faces.ViewState=").append(viewState);
    }
    List<String> headers = new ArrayList<>();
    headers.add("Content-Type: application/x-www-form-urlencoded");
    String page = signIn ? "/login.xhtml" : "/signup.xhtml";
    return new HostileRequests.Request(
        index, "page:form", "POST " + page, "POST", root + page, headers, utf8(body.toString()));
  }
}

package io.tally.billing.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tally.billing.api.Caller;
import io.tally.billing.platform.Invalidations;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service key and its rotation: the keys configured are accepted, and no other. */
class ApiKeysTest {

  private static final String CURRENT = "current-service-key-0123456789abcdef0123";
  private static final String NEXT = "next-service-key-fedcba9876543210fedcba98";
  private static final String OTHER = "other-service-key-00112233445566778899aabb";

  @Test
  void acceptsOnlyTheServiceKeyWhenNoNextIsSet() {
    ApiKeys keys = keys(Optional.of(CURRENT), Optional.empty());

    assertEquals(Optional.of(Caller.service()), keys.authenticate(CURRENT));
    assertEquals(Optional.empty(), keys.authenticate(NEXT));
  }

  @Test
  void acceptsBothKeysDuringARotationAndNoOther() {
    ApiKeys keys = keys(Optional.of(CURRENT), Optional.of(" " + NEXT + "\n"));

    assertEquals(Optional.of(Caller.service()), keys.authenticate(CURRENT));
    assertEquals(Optional.of(Caller.service()), keys.authenticate(NEXT));
    assertEquals(Optional.empty(), keys.authenticate(OTHER));
  }

  @Test
  void refusesANextKeyTooShortToTrust() {
    ApiKeys keys = keys(Optional.of(CURRENT), Optional.of("short-next-key"));

    assertEquals(Optional.empty(), keys.authenticate("short-next-key"));
    assertEquals(Optional.of(Caller.service()), keys.authenticate(CURRENT));
  }

  @Test
  void acceptsTheNextKeyAloneOnceTheOldIsDropped() {
    ApiKeys keys = keys(Optional.empty(), Optional.of(NEXT));

    assertEquals(Optional.of(Caller.service()), keys.authenticate(NEXT));
    assertEquals(Optional.empty(), keys.authenticate(CURRENT));
  }

  private static ApiKeys keys(Optional<String> current, Optional<String> next) {
    ApiKeys keys = new ApiKeys();
    keys.adminKey = current;
    keys.nextAdminKey = next;
    keys.invalidations = new Invalidations();
    keys.init();
    return keys;
  }
}

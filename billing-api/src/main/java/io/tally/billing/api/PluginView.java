package io.tally.billing.api;

import java.util.List;

/**
 * A pricing plugin the server knows, or a jar it refused: where it came from ({@code source}, a jar
 * file name), the jar's SHA-256 (to check that cluster members run the same jar), when this version
 * was loaded, and its {@code state}:
 *
 * <ul>
 *   <li>{@link #ACTIVE}: it prices its families, and it is what the directory holds;
 *   <li>{@link #KEPT}: it still prices its families, but its jar was replaced by one that was
 *       refused, or removed while models use its families; {@code problem} says which;
 *   <li>{@link #REFUSED}: it prices nothing; {@code problem} says why. A refused jar that could not
 *       be loaded at all has no id, version or families.
 * </ul>
 */
public record PluginView(
    String id,
    String version,
    String spiVersion,
    List<String> families,
    String source,
    String sha256,
    String loadedAt,
    String state,
    String problem) {

  public static final String ACTIVE = "active";
  public static final String KEPT = "kept";
  public static final String REFUSED = "refused";
}

package io.tally.pricing.spi;

import java.util.List;
import java.util.Objects;

/**
 * One pricing mode a plugin knows: the {@code mode} a sheet names, the sheet's fields, and the call
 * parameters that mode reads.
 *
 * @param name the sheet's {@code mode} ({@code per_image})
 * @param description one sentence for people ({@code A price per image, more for larger images})
 * @param sheet the fields a sheet of this mode carries, besides {@code mode}
 * @param parameters the call parameters this mode reads; {@code durationMs} is named here when the
 *     mode bills time
 */
public record Mode(String name, String description, List<Field> sheet, List<Field> parameters) {

  public Mode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    sheet = List.copyOf(sheet);
    parameters = List.copyOf(parameters);
  }
}

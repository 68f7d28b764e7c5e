package io.tally.billing.web.platform;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.FacesConverter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Shows an ISO-8601 instant ({@code 2026-05-01T09:30:12.345Z}) as {@code 2026-05-01 09:30} UTC. */
@FacesConverter("utc")
public class UtcConverter implements Converter<Object> {

  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Override
  public Object getAsObject(FacesContext context, UIComponent component, String value) {
    throw new UnsupportedOperationException("times are shown, not read, through this converter");
  }

  @Override
  public String getAsString(FacesContext context, UIComponent component, Object value) {
    return value == null ? "" : format(value.toString());
  }

  /** {@code 2026-05-01T09:30:12.345Z} → {@code 2026-05-01 09:30}, for texts built in beans. */
  public static String format(String instant) {
    return MINUTES.format(Instant.parse(instant));
  }
}

package io.tally.billing.web.platform;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.FacesConverter;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Shows an amount the way people read money: {@code "1.000000"} as {@code $1.00}, cents always, and
 * the micro-dollars only when there are any ({@code $0.0042}), so a small charge never shows as
 * $0.00. Output only: the pages read amounts as plain decimals.
 */
@FacesConverter("money")
public class MoneyConverter implements Converter<Object> {

  @Override
  public Object getAsObject(FacesContext context, UIComponent component, String value) {
    throw new UnsupportedOperationException("money is shown, not read, through this converter");
  }

  @Override
  public String getAsString(FacesContext context, UIComponent component, Object value) {
    return value == null ? "" : format(value);
  }

  /** {@code "-12.500000"} or a BigDecimal → {@code -$12.50}. */
  public static String format(Object amount) {
    BigDecimal value =
        amount instanceof BigDecimal decimal ? decimal : new BigDecimal(amount.toString());
    DecimalFormat format =
        new DecimalFormat("#,##0.00####", DecimalFormatSymbols.getInstance(Locale.US));
    String digits = format.format(value.abs());
    return (value.signum() < 0 ? "-$" : "$") + digits;
  }
}

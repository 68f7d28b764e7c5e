package io.tally.billing.web.usage;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.UsageDay;
import io.tally.billing.api.UsageReportService;
import io.tally.billing.web.account.CurrentUser;
import io.tally.billing.web.platform.FieldErrors;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.charts.ChartData;
import org.primefaces.model.charts.axes.cartesian.CartesianScales;
import org.primefaces.model.charts.axes.cartesian.linear.CartesianLinearAxes;
import org.primefaces.model.charts.bar.BarChartDataSet;
import org.primefaces.model.charts.bar.BarChartModel;
import org.primefaces.model.charts.bar.BarChartOptions;

/**
 * The usage page: per model calls, seconds, average duration, cost and share of spend over a date
 * range (this month unless chosen), and the cost per model per day as a stacked bar chart. Reads
 * the daily rollups only, so it costs the same for ten calls or a million.
 */
@Named
@ViewScoped
public class UsagePage implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String[] COLOURS = {
    "#2563eb", "#16a34a", "#d97706", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d"
  };

  private static final Map<String, String> INPUTS = Map.of("from", "range:from", "to", "range:to");

  @Inject UsageReportService reports;

  @Inject CurrentUser user;

  /** Transient: a view-scoped bean must be serializable and a clock is not. */
  @Inject transient Clock clock;

  private LocalDate from;
  private LocalDate to;
  private transient UsageTable table;
  private transient BarChartModel chart;

  @PostConstruct
  void thisMonth() {
    UsageRange range = UsageRange.thisMonth(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    from = range.from();
    to = range.to();
    show();
  }

  /** Reads the report for the chosen range; a bad range is shown beside its field. */
  public void show() {
    UsageRange range;
    try {
      range = new UsageRange(from, to);
    } catch (BillingException refusal) {
      FieldErrors.show(refusal, INPUTS);
      return;
    }
    long account = user.accountId();
    table = UsageTable.of(reports.report(account, range.from(), range.to()));
    chart = chart(range, reports.daily(account, range.from(), range.to()));
  }

  private static BarChartModel chart(UsageRange range, List<UsageDay> days) {
    List<String> labels = new ArrayList<>();
    for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
      labels.add(day.toString());
    }
    Map<String, List<Object>> costByModel = new LinkedHashMap<>();
    for (UsageDay day : days) {
      List<Object> costs =
          costByModel.computeIfAbsent(
              day.model(),
              model -> new ArrayList<>(java.util.Collections.nCopies(labels.size(), 0)));
      costs.set(labels.indexOf(day.day()), new BigDecimal(day.amount()));
    }
    ChartData data = new ChartData();
    data.setLabels(labels);
    int colour = 0;
    for (Map.Entry<String, List<Object>> model : costByModel.entrySet()) {
      BarChartDataSet set = new BarChartDataSet();
      set.setLabel(model.getKey());
      set.setData(model.getValue());
      set.setBackgroundColor(COLOURS[colour++ % COLOURS.length]);
      data.addChartDataSet(set);
    }
    CartesianScales scales = new CartesianScales();
    CartesianLinearAxes x = new CartesianLinearAxes();
    x.setStacked(true);
    CartesianLinearAxes y = new CartesianLinearAxes();
    y.setStacked(true);
    y.setBeginAtZero(true);
    scales.addXAxesData(x);
    scales.addYAxesData(y);
    BarChartOptions options = new BarChartOptions();
    options.setScales(scales);
    options.setMaintainAspectRatio(false);
    BarChartModel model = new BarChartModel();
    model.setData(data);
    model.setOptions(options);
    return model;
  }

  public LocalDate getFrom() {
    return from;
  }

  public void setFrom(LocalDate from) {
    this.from = from;
  }

  public LocalDate getTo() {
    return to;
  }

  public void setTo(LocalDate to) {
    this.to = to;
  }

  public UsageTable getTable() {
    return table;
  }

  public BarChartModel getChart() {
    return chart;
  }

  public boolean isHasUsage() {
    return table != null && !table.rows().isEmpty();
  }

  /** The CSV of the range shown, with exact values. */
  public String getCsvUrl() {
    return "usage.csv?from=" + from + "&to=" + to;
  }
}

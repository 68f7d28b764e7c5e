import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The ceiling's own database, a copy of the one the server uses: every table as {@code SHOW CREATE
 * TABLE} has it (keys and foreign keys included, as the WAR's migrations left them), its triggers,
 * and its rows at the time of the copy (the benchmark's accounts with their credit, the model and
 * its price). So the ceiling writes the same rows into the same tables, and the server's database
 * is left alone.
 */
final class CeilingSchema {

  static final String NAME = "ceiling";

  private CeilingSchema() {}

  static void copy(Connection c, String from) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + NAME);
      st.execute("CREATE DATABASE " + NAME);
      st.execute("USE " + NAME);
      st.execute("SET foreign_key_checks = 0");
      List<String> tables = strings(st, "SHOW FULL TABLES FROM `" + from + "`", 1, 2, "BASE TABLE");
      for (String t : tables) {
        st.execute(strings(st, "SHOW CREATE TABLE `" + from + "`.`" + t + "`", 2, 0, null).get(0));
      }
      for (String t : tables) {
        st.execute("INSERT INTO `" + t + "` SELECT * FROM `" + from + "`.`" + t + "`");
      }
      for (String trigger : triggers(st, from)) {
        st.execute(trigger);
      }
      st.execute("SET foreign_key_checks = 1");
    }
  }

  /**
   * The triggers, rebuilt from {@code SHOW TRIGGERS}: {@code SHOW CREATE TRIGGER} names a definer,
   * and under {@code --skip-grant-tables} that definer is empty, which MariaDB then refuses.
   */
  private static List<String> triggers(Statement st, String from) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SHOW TRIGGERS FROM `" + from + "`")) {
      while (rs.next()) {
        out.add(
            "CREATE TRIGGER `"
                + rs.getString("Trigger")
                + "` "
                + rs.getString("Timing")
                + " "
                + rs.getString("Event")
                + " ON `"
                + rs.getString("Table")
                + "` FOR EACH ROW "
                + rs.getString("Statement"));
      }
    }
    return out;
  }

  /** Column {@code col} of each row, where column {@code filterCol} equals {@code filter}. */
  private static List<String> strings(
      Statement st, String sql, int col, int filterCol, String filter) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        if (filter == null || filter.equals(rs.getString(filterCol))) {
          out.add(rs.getString(col));
        }
      }
    }
    return out;
  }

  /**
   * What must hold after a ceiling step, as after a phase: every account's balance is the sum of
   * its ledger entries, no hold is left open, and there is one charge row per charge committed.
   * Answers null when all holds, else what failed.
   */
  static String verify(Connection c, long charges) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT (SELECT COUNT(*) FROM account a LEFT JOIN (SELECT account_id, SUM(amount) s"
                    + " FROM ledger_entry GROUP BY account_id) l ON l.account_id = a.id"
                    + " WHERE a.balance <> COALESCE(l.s, 0)),"
                    + " (SELECT COUNT(*) FROM account WHERE held <> 0),"
                    + " (SELECT COUNT(*) FROM charge)")) {
      rs.next();
      long badBalances = rs.getLong(1);
      long held = rs.getLong(2);
      long rows = rs.getLong(3);
      if (badBalances == 0 && held == 0 && rows == charges) {
        return null;
      }
      return badBalances
          + " balances != sum(ledger), "
          + held
          + " accounts with money held, "
          + rows
          + " charge rows for "
          + charges
          + " charges committed";
    }
  }
}

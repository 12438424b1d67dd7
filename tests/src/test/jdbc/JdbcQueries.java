import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A BI tool's part, for ITServe: run with only the Hive JDBC driver on the classpath ({@code java
 * -cp hive-jdbc-standalone.jar JdbcQueries.java URL FILE}), it connects as the user "analyst" with
 * the password of COSTLAKE_TEST_PASSWORD, lists the tables and the columns of cost_line_items
 * through the driver's metadata calls, and runs each line of FILE as a statement. One line of
 * output per fact, tab-separated: table, columns, then per statement its rows or its error.
 */
public class JdbcQueries {
  public static void main(String[] args) throws Exception {
    List<String> statements = Files.readAllLines(Path.of(args[1]));
    String password = System.getenv().getOrDefault("COSTLAKE_TEST_PASSWORD", "");
    try (Connection connection = DriverManager.getConnection(args[0], "analyst", password)) {
      DatabaseMetaData metadata = connection.getMetaData();
      try (ResultSet tables = metadata.getTables(null, "default", "%", null)) {
        while (tables.next()) {
          System.out.println("table\t" + tables.getString("TABLE_NAME"));
        }
      }
      int columns = 0;
      try (ResultSet rs = metadata.getColumns(null, "default", "cost_line_items", "%")) {
        while (rs.next()) {
          columns++;
        }
      }
      System.out.println("columns\tcost_line_items\t" + columns);
      for (int i = 0; i < statements.size(); i++) {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(statements.get(i))) {
          int width = rows.getMetaData().getColumnCount();
          StringBuilder types = new StringBuilder("types\t" + i);
          for (int c = 1; c <= width; c++) {
            types.append('\t').append(rows.getMetaData().getColumnTypeName(c));
          }
          System.out.println(types);
          while (rows.next()) {
            StringBuilder row = new StringBuilder("row\t" + i);
            for (int c = 1; c <= width; c++) {
              String value = rows.getString(c);
              row.append('\t').append(value == null ? "NULL" : value.replace('\t', ' ').replace('\n', ' '));
            }
            System.out.println(row);
          }
          System.out.println("done\t" + i);
        } catch (SQLException e) {
          System.out.println("error\t" + i + "\t" + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
      }
    }
  }
}

package io.costlake.jobs;

import io.costlake.errors.CostlakeErrors;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * A Spark session extension ({@code spark.sql.extensions}) that refuses, at parse time, every
 * statement {@link SqlStatements} counts as a write, once {@link #enforce} was called for the
 * application: {@code costlake serve} registers its tables first (a CREATE TABLE each), then
 * enforces. Every session of the application parses through it, including the one the Thrift server
 * opens per JDBC connection, and a client cannot switch it off: it is not a SQL setting.
 */
public final class ReadOnlySql extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  private static final Set<SparkContext> ENFORCED =
      Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectParser(new Wrap());
    return BoxedUnit.UNIT;
  }

  /** From now on, no session of {@code spark}'s application may parse a write. */
  static void enforce(SparkSession spark) {
    if (!(spark.sessionState().sqlParser() instanceof Parser)) {
      throw CostlakeErrors.invalidArgument(
          "the Spark session for serve",
          "it was started without costlake's read-only SQL extension ("
              + ReadOnlySql.class.getName()
              + " last in spark.sql.extensions), so it could not refuse writes");
    }
    ENFORCED.add(spark.sparkContext());
  }

  private static final class Wrap
      extends scala.runtime.AbstractFunction2<SparkSession, ParserInterface, ParserInterface> {
    @Override
    public ParserInterface apply(SparkSession session, ParserInterface delegate) {
      return new Parser(session, delegate);
    }
  }

  /** Spark's parser (and Delta's around it), refusing writes when the application enforces it. */
  static final class Parser implements ParserInterface {
    private final SparkSession session;
    private final ParserInterface delegate;

    Parser(SparkSession session, ParserInterface delegate) {
      this.session = session;
      this.delegate = delegate;
    }

    @Override
    public LogicalPlan parsePlan(String sqlText) throws ParseException {
      LogicalPlan plan = delegate.parsePlan(sqlText);
      if (ENFORCED.contains(session.sparkContext())) {
        String write = SqlStatements.firstWrite(plan);
        if (write != null) {
          throw CostlakeErrors.invalidArgument(
              "statement",
              "this endpoint is read-only and the statement changes tables ("
                  + write
                  + "); costlake's tables are written by its jobs");
        }
      }
      return plan;
    }

    @Override
    public Expression parseExpression(String sqlText) throws ParseException {
      return delegate.parseExpression(sqlText);
    }

    @Override
    public TableIdentifier parseTableIdentifier(String sqlText) throws ParseException {
      return delegate.parseTableIdentifier(sqlText);
    }

    @Override
    public FunctionIdentifier parseFunctionIdentifier(String sqlText) throws ParseException {
      return delegate.parseFunctionIdentifier(sqlText);
    }

    @Override
    public Seq<String> parseMultipartIdentifier(String sqlText) throws ParseException {
      return delegate.parseMultipartIdentifier(sqlText);
    }

    @Override
    public LogicalPlan parseQuery(String sqlText) throws ParseException {
      return delegate.parseQuery(sqlText);
    }

    @Override
    public StructType parseTableSchema(String sqlText) throws ParseException {
      return delegate.parseTableSchema(sqlText);
    }

    @Override
    public DataType parseDataType(String sqlText) throws ParseException {
      return delegate.parseDataType(sqlText);
    }
  }
}

package io.costlake.it;

import io.costlake.testing.TestSpark;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * The descriptions of the Spark jobs the calling thread (and the threads it starts) submits from
 * now on, told apart from other test classes' jobs in the shared session by a local property.
 */
final class JobDescriptions extends SparkListener {
  private static final String MARK = "costlake.test.mark";

  private final SparkContext context;
  private final String mark = UUID.randomUUID().toString();
  private final List<String> descriptions = Collections.synchronizedList(new ArrayList<>());
  private final List<String> groups = Collections.synchronizedList(new ArrayList<>());

  private JobDescriptions(SparkContext context) {
    this.context = context;
  }

  static JobDescriptions ofThisThread() {
    JobDescriptions seen = new JobDescriptions(TestSpark.session().sparkContext());
    seen.context.setLocalProperty(MARK, seen.mark);
    seen.context.addSparkListener(seen);
    return seen;
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    if (job.properties() != null && mark.equals(job.properties().getProperty(MARK))) {
      descriptions.add(job.properties().getProperty("spark.job.description"));
      groups.add(job.properties().getProperty("spark.jobGroup.id"));
    }
  }

  /** Stops listening; the descriptions seen so far stay. */
  void stop() {
    context.setLocalProperty(MARK, null);
    // The listener bus delivers asynchronously: let it catch up before reading.
    try {
      context.listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not catch up", e);
    } finally {
      context.removeSparkListener(this);
    }
  }

  List<String> descriptions() {
    synchronized (descriptions) {
      return new ArrayList<>(descriptions);
    }
  }

  /** The job group of each job seen, in the same order. */
  List<String> groups() {
    synchronized (groups) {
      return new ArrayList<>(groups);
    }
  }
}

package io.costlake.it;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything the test JVM logs while open (Spark logs through log4j 2), with the given loggers
 * raised to INFO, so a test can search the log for what must never be there.
 */
final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;
  private final String[] loggers;

  LogCapture(String... loggersAtInfo) {
    this.loggers = loggersAtInfo;
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender =
        WriterAppender.newBuilder()
            .setName("costlake-log-capture-" + System.identityHashCode(this))
            .setTarget(text)
            .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n%throwable").build())
            .build();
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, Level.ALL, null);
    for (String logger : loggersAtInfo) {
      // Events of a raised logger reach the root's appenders (additivity), this one included.
      Configurator.setLevel(logger, Level.INFO);
    }
    context.updateLoggers();
  }

  String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    config.getRootLogger().removeAppender(appender.getName());
    for (String logger : loggers) {
      Configurator.setLevel(logger, Level.WARN);
    }
    context.updateLoggers();
    appender.stop();
  }
}

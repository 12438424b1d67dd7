package io.costlake.jobs;

import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * HiveServer2's CUSTOM authentication for {@code costlake serve}: every connection's password is
 * checked against {@link ServePassword}, whatever the user name. HiveServer2 makes one by
 * reflection, per connection.
 */
public final class ServePasswordCheck implements PasswdAuthenticationProvider {
  private final ServePassword password = ServePassword.fromEnvironment();

  @Override
  public void Authenticate(String user, String given) throws AuthenticationException {
    if (!password.matches(given)) {
      throw new AuthenticationException("wrong password for user " + user);
    }
  }
}

package io.tally.billing.web;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on the port the test server mails to ({@code it.smtp.port}, see
 * billing-web's pom and arquillian.xml). Start one per test class ({@code @BeforeAll}) and close it
 * after ({@code @AfterAll}); give each test its own account, so its address finds its mail:
 *
 * <pre>{@code
 * List<MimeMessage> mails = mailBox.await("user-1@example.com", 1, Duration.ofSeconds(30));
 * }</pre>
 */
public final class MailBox implements AutoCloseable {

  private final GreenMail server;

  private MailBox(GreenMail server) {
    this.server = server;
  }

  public static MailBox start() {
    int port = Integer.getInteger("it.smtp.port", 23525);
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return new MailBox(server);
  }

  /** Every message received so far addressed to {@code address}. */
  public List<MimeMessage> to(String address) {
    return Arrays.stream(server.getReceivedMessages())
        .filter(message -> addressedTo(message, address))
        .toList();
  }

  /**
   * Waits until at least {@code count} messages to {@code address} arrived, at most {@code within};
   * answers all of them (more than {@code count} if more came). Fails when too few arrived.
   */
  public List<MimeMessage> await(String address, int count, Duration within) {
    return Poll.until(
        () -> {
          List<MimeMessage> received = to(address);
          return received.size() >= count ? received : null;
        },
        within,
        count + " e-mails to " + address);
  }

  @Override
  public void close() {
    server.stop();
  }

  private static boolean addressedTo(MimeMessage message, String address) {
    try {
      Address[] recipients = message.getAllRecipients();
      return recipients != null
          && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}

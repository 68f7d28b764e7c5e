package io.tally.billing.notification;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends notices as plain-text e-mail through the configured SMTP server (Jakarta Mail; the server
 * provides the implementation). Off by default: a server without a mail relay still stores and
 * shows notices, and calls webhooks.
 */
@ApplicationScoped
public class Mailer {

  private static final String TIMEOUT_MS = "10000";

  @Inject
  @ConfigProperty(name = "tally.mail.enabled", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "tally.mail.host", defaultValue = "localhost")
  String host;

  @Inject
  @ConfigProperty(name = "tally.mail.port", defaultValue = "25")
  int port;

  @Inject
  @ConfigProperty(name = "tally.mail.from", defaultValue = "billing@tally.local")
  String from;

  @Inject
  @ConfigProperty(name = "tally.mail.username")
  Optional<String> username;

  @Inject
  @ConfigProperty(name = "tally.mail.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "tally.mail.starttls", defaultValue = "false")
  boolean starttls;

  private Session session;

  @PostConstruct
  void open() {
    Properties properties = new Properties();
    properties.setProperty("mail.transport.protocol", "smtp");
    properties.setProperty("mail.smtp.host", host);
    properties.setProperty("mail.smtp.port", Integer.toString(port));
    properties.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
    properties.setProperty("mail.smtp.timeout", TIMEOUT_MS);
    properties.setProperty("mail.smtp.writetimeout", TIMEOUT_MS);
    properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(starttls));
    properties.setProperty("mail.smtp.starttls.required", Boolean.toString(starttls));
    Authenticator authenticator = null;
    if (username.isPresent()) {
      properties.setProperty("mail.smtp.auth", "true");
      PasswordAuthentication login =
          new PasswordAuthentication(username.get(), password.orElse(""));
      authenticator =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return login;
            }
          };
    }
    session = Session.getInstance(properties, authenticator);
  }

  public boolean enabled() {
    return enabled;
  }

  /** Sends the notice of {@code delivery} to its account's address. */
  void send(Delivery delivery) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from));
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(delivery.email()));
    message.setSubject(delivery.subject(), StandardCharsets.UTF_8.name());
    message.setText(delivery.body(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(delivery.createdAt()));
    message.setHeader("Tally-Event-Id", delivery.eventId());
    Transport.send(message);
  }
}

-- Notifications: what Tally told a customer, one row per event. The event key makes each notice
-- happen at most once per account (a timer firing twice, a retried job), whatever the channel.
-- Delivery by e-mail and webhook is tracked by later migrations.

CREATE TABLE notification (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  account_id  BIGINT       NOT NULL,
  type        VARCHAR(40)  NOT NULL,
  event_key   VARCHAR(255) NOT NULL,
  subject     VARCHAR(255) NOT NULL,
  body        TEXT         NOT NULL,
  created_at  DATETIME(6)  NOT NULL,
  CONSTRAINT uk_notification_event UNIQUE (account_id, event_key),
  KEY ix_notification_account (account_id, id),
  CONSTRAINT fk_notification_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Delivery of notifications: an outbox in the database. Telling a notice writes one delivery row per
-- channel in the notice's own transaction; the delivery job claims due rows with one conditional
-- UPDATE (the database decides who sends), sends, and records the outcome. A claim is a lease on
-- the database's own clock, so a server that died mid-send lets another take the row over later.

CREATE TABLE notification_delivery (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  notification_id  BIGINT        NOT NULL,
  channel          VARCHAR(16)   NOT NULL,
  state            VARCHAR(16)   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(6)   NOT NULL,
  claim            CHAR(36)      NULL,
  claimed_until    DATETIME(6)   NULL,
  last_error       VARCHAR(500)  NULL,
  sent_at          DATETIME(6)   NULL,
  created_at       DATETIME(6)   NOT NULL,
  CONSTRAINT uk_notification_delivery_channel UNIQUE (notification_id, channel),
  KEY ix_notification_delivery_due (state, next_attempt_at),
  KEY ix_notification_delivery_claim (claim),
  CONSTRAINT fk_notification_delivery_notification
    FOREIGN KEY (notification_id) REFERENCES notification (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One webhook endpoint per account. The secret is shared with the receiver, which checks the
-- signature with it, so it is stored as given (the server must be able to sign with it).
CREATE TABLE webhook (
  account_id  BIGINT         PRIMARY KEY,
  url         VARCHAR(2000)  NOT NULL,
  enabled     BOOLEAN        NOT NULL,
  secret      VARCHAR(100)   NOT NULL,
  created_at  DATETIME(6)    NOT NULL,
  updated_at  DATETIME(6)    NOT NULL,
  CONSTRAINT fk_webhook_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

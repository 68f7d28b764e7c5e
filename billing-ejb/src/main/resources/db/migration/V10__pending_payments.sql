-- An upgrade's card payment that the processor did not answer (a timeout or 5xx after retries).
-- The card may have been charged, so the payment is kept PENDING with exactly what was asked
-- (amount in whole cents, card, processor key): the renewal job and the customer's retry ask the
-- processor again under the same key, and the upgrade is granted (ledger key
-- subscription:<id>:<period>:upgrade:<plan>) or given up once.
CREATE TABLE upgrade_payment (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  subscription_id  BIGINT         NOT NULL,
  period_index     INT            NOT NULL,
  plan_id          VARCHAR(32)    NOT NULL,
  amount           DECIMAL(19, 6) NOT NULL,
  payment_method   VARCHAR(100)   NOT NULL,
  payment_key      VARCHAR(255)   NOT NULL,
  status           VARCHAR(16)    NOT NULL,
  created_at       DATETIME(6)    NOT NULL,
  completed_at     DATETIME(6)    NULL,
  CONSTRAINT uk_upgrade_payment_key UNIQUE (payment_key),
  KEY ix_upgrade_payment_pending (status, subscription_id),
  CONSTRAINT fk_upgrade_payment_subscription FOREIGN KEY (subscription_id)
    REFERENCES subscription (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- When the card payment of a PENDING invoice started, so the sweep asks about it only once the
-- request that started it has given up waiting (a grace period).
ALTER TABLE invoice ADD COLUMN payment_started_at DATETIME(6) NULL;

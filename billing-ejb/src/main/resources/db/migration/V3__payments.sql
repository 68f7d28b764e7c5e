-- Card recharges and auto-recharge.
-- A recharge row is written (PENDING) before the card is charged and finished (SUCCEEDED, DECLINED,
-- FAILED) in the transaction that credits the ledger, so a replay, a concurrent duplicate, a second
-- server or a sweep after a crash all meet the same row: (account, origin, key) is unique. The
-- origin keeps a customer's Idempotency-Key apart from auto-recharge's keys.

CREATE TABLE recharge (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  account_id       BIGINT         NOT NULL,
  origin           VARCHAR(16)    NOT NULL,
  idempotency_key  VARCHAR(255)   NOT NULL,
  amount           DECIMAL(19, 6) NOT NULL,
  payment_method   VARCHAR(100)   NOT NULL,
  status           VARCHAR(16)    NOT NULL,
  payment_id       VARCHAR(255)   NULL,
  error_code       VARCHAR(64)    NULL,
  error_message    VARCHAR(500)   NULL,
  balance_after    DECIMAL(19, 6) NULL,
  created_at       DATETIME(6)    NOT NULL,
  completed_at     DATETIME(6)    NULL,
  CONSTRAINT uk_recharge_idempotency UNIQUE (account_id, origin, idempotency_key),
  KEY ix_recharge_pending (status, created_at),
  CONSTRAINT fk_recharge_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per account that ever configured auto-recharge. 'armed' says the next crossing below the
-- threshold may start a recharge; the crossing that disarms it counts 'crossings' up and records the
-- recharge under the key 'auto-recharge:<crossings>', in one transaction, so a crossing seen by many
-- charges, observers or servers at once pays once.
CREATE TABLE auto_recharge (
  account_id      BIGINT         PRIMARY KEY,
  enabled         BOOLEAN        NOT NULL,
  threshold       DECIMAL(19, 6) NULL,
  amount          DECIMAL(19, 6) NULL,
  payment_method  VARCHAR(100)   NULL,
  armed           BOOLEAN        NOT NULL,
  crossings       BIGINT         NOT NULL DEFAULT 0,
  updated_at      DATETIME(6)    NOT NULL,
  CONSTRAINT fk_auto_recharge_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

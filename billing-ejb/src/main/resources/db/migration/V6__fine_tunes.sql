-- Fine-tuning jobs, metered while they run. metered_until is how far the job's time has been
-- charged; it advances in the same transaction as each metered debit, whose ledger idempotency key
-- names the job and the chunk's start, so no stretch of time is charged twice. Times are whole
-- milliseconds (the price is per millisecond).

CREATE TABLE fine_tune (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  account_id      BIGINT         NOT NULL,
  request_id      VARCHAR(200)   NOT NULL,
  model_id        VARCHAR(100)   NOT NULL,
  status          VARCHAR(32)    NOT NULL,
  started_at      DATETIME(6)    NOT NULL,
  metered_until   DATETIME(6)    NOT NULL,
  charged         DECIMAL(19, 6) NOT NULL,
  ended_at        DATETIME(6)    NULL,
  completion_key  VARCHAR(255)   NULL,
  CONSTRAINT uk_fine_tune_request UNIQUE (account_id, request_id),
  KEY ix_fine_tune_status (status, metered_until),
  CONSTRAINT fk_fine_tune_account FOREIGN KEY (account_id) REFERENCES account (id),
  CONSTRAINT fk_fine_tune_model FOREIGN KEY (model_id) REFERENCES model (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

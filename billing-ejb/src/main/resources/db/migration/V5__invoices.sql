-- Post-paid monthly invoices. One invoice per account and month (the unique key makes a timer that
-- fires twice, or on two servers, issue it once); its lines copy the month's usage rollups per
-- model. The payment that paid it is recorded on it: its Idempotency-Key answers a retry.

CREATE TABLE invoice (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  account_id      BIGINT         NOT NULL,
  month           CHAR(7)        NOT NULL,
  number          VARCHAR(40)    NOT NULL,
  status          VARCHAR(16)    NOT NULL,
  total           DECIMAL(19, 6) NOT NULL,
  issued_at       DATETIME(6)    NOT NULL,
  paid_at         DATETIME(6)    NULL,
  payment_method  VARCHAR(100)   NULL,
  payment_id      VARCHAR(200)   NULL,
  payment_key     VARCHAR(255)   NULL,
  CONSTRAINT uk_invoice_account_month UNIQUE (account_id, month),
  CONSTRAINT uk_invoice_number UNIQUE (number),
  CONSTRAINT fk_invoice_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE invoice_line (
  invoice_id         BIGINT         NOT NULL,
  model_id           VARCHAR(100)   NOT NULL,
  calls              BIGINT         NOT NULL,
  total_duration_ms  BIGINT         NOT NULL,
  amount             DECIMAL(19, 6) NOT NULL,
  PRIMARY KEY (invoice_id, model_id),
  CONSTRAINT fk_invoice_line_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

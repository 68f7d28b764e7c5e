-- Tally's first schema: accounts and keys, the ledger, the catalog, charges, holds and usage rollups.
-- Money is DECIMAL(19,6) (micro-dollars); times are UTC DATETIME(6). Text is utf8mb4 with a binary
-- collation: any Unicode name fits, and identifiers compare exactly, so requestIds "Req-A" and
-- "req-a" are two events (a case-insensitive collation would answer the second as a replay).
-- E-mails are lower-cased before they are stored.

CREATE TABLE account (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  email         VARCHAR(254)   NOT NULL,
  name          VARCHAR(200)   NOT NULL,
  billing_mode  VARCHAR(16)    NOT NULL,
  plan          VARCHAR(32)    NOT NULL,
  credit_limit  DECIMAL(19, 6) NULL,
  balance       DECIMAL(19, 6) NOT NULL DEFAULT 0,
  held          DECIMAL(19, 6) NOT NULL DEFAULT 0,
  created_at    DATETIME(6)    NOT NULL,
  CONSTRAINT uk_account_email UNIQUE (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE api_key (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  account_id  BIGINT      NOT NULL,
  digest      BINARY(32)  NOT NULL,
  prefix      VARCHAR(16) NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  revoked_at  DATETIME(6) NULL,
  CONSTRAINT uk_api_key_digest UNIQUE (digest),
  CONSTRAINT fk_api_key_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The truth about money. Entries are never changed or removed (the triggers below refuse it);
-- the idempotency key makes every movement happen at most once per account.
CREATE TABLE ledger_entry (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  account_id       BIGINT         NOT NULL,
  amount           DECIMAL(19, 6) NOT NULL,
  kind             VARCHAR(24)    NOT NULL,
  reference        VARCHAR(500)   NOT NULL,
  idempotency_key  VARCHAR(255)   NOT NULL,
  balance_after    DECIMAL(19, 6) NOT NULL,
  created_by       VARCHAR(100)   NOT NULL,
  created_at       DATETIME(6)    NOT NULL,
  CONSTRAINT uk_ledger_entry_idempotency UNIQUE (account_id, idempotency_key),
  CONSTRAINT fk_ledger_entry_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TRIGGER ledger_entry_immutable_update BEFORE UPDATE ON ledger_entry FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger entries are immutable';

CREATE TRIGGER ledger_entry_immutable_delete BEFORE DELETE ON ledger_entry FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger entries are immutable';

CREATE TABLE model (
  id          VARCHAR(100) PRIMARY KEY,
  family      VARCHAR(50)  NOT NULL,
  name        VARCHAR(200) NOT NULL,
  gpu         VARCHAR(100) NULL,
  created_at  DATETIME(6)  NOT NULL,
  updated_at  DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE model_price (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  model_id        VARCHAR(100) NOT NULL,
  version         INT          NOT NULL,
  pricing         TEXT         NOT NULL,
  effective_from  DATETIME(6)  NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  CONSTRAINT uk_model_price_version UNIQUE (model_id, version),
  CONSTRAINT fk_model_price_model FOREIGN KEY (model_id) REFERENCES model (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE authorization_hold (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  account_id  BIGINT         NOT NULL,
  model_id    VARCHAR(100)   NOT NULL,
  amount      DECIMAL(19, 6) NOT NULL,
  status      VARCHAR(16)    NOT NULL,
  expires_at  DATETIME(6)    NOT NULL,
  created_at  DATETIME(6)    NOT NULL,
  closed_at   DATETIME(6)    NULL,
  KEY ix_authorization_hold_due (status, expires_at),
  KEY ix_authorization_hold_account (account_id, status),
  CONSTRAINT fk_authorization_hold_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per usage event; the requestId is unique per account, so a replay finds the first charge.
CREATE TABLE charge (
  id                BIGINT AUTO_INCREMENT PRIMARY KEY,
  account_id        BIGINT         NOT NULL,
  request_id        VARCHAR(200)   NOT NULL,
  model_id          VARCHAR(100)   NULL,
  workflow          VARCHAR(200)   NULL,
  amount            DECIMAL(19, 6) NOT NULL,
  balance_after     DECIMAL(19, 6) NOT NULL,
  duration_ms       BIGINT         NOT NULL,
  line_items        TEXT           NOT NULL,
  authorization_id  BIGINT         NULL,
  started_at        DATETIME(6)    NOT NULL,
  created_at        DATETIME(6)    NOT NULL,
  CONSTRAINT uk_charge_request UNIQUE (account_id, request_id),
  CONSTRAINT fk_charge_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Kept in the charge's transaction, so reports never read raw charges.
CREATE TABLE usage_rollup (
  account_id         BIGINT         NOT NULL,
  day                DATE           NOT NULL,
  model_id           VARCHAR(100)   NOT NULL,
  calls              BIGINT         NOT NULL,
  total_duration_ms  BIGINT         NOT NULL,
  amount             DECIMAL(19, 6) NOT NULL,
  PRIMARY KEY (account_id, day, model_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

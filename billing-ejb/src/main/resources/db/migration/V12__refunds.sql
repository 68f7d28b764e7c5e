-- Refunds of charges. A charge keeps the total refunded so far beside its amount: the refund's
-- conditional UPDATE (refunded + ? <= amount) decides in the database that no charge is refunded
-- past what it cost, however many refunds race. Each refund is one row here and one REFUND credit on
-- the ledger, both written in one transaction with the charge's UPDATE; like the ledger, refunds are
-- never changed or removed.
ALTER TABLE charge ADD COLUMN refunded DECIMAL(19, 6) NOT NULL DEFAULT 0;

CREATE TABLE refund (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  charge_id        BIGINT         NOT NULL,
  account_id       BIGINT         NOT NULL,
  amount           DECIMAL(19, 6) NOT NULL,
  -- The amount the request named, or NULL for "the rest": a replay is compared with what was sent.
  requested        DECIMAL(19, 6) NULL,
  reason           VARCHAR(500)   NOT NULL,
  idempotency_key  VARCHAR(255)   NOT NULL,
  balance_after    DECIMAL(19, 6) NOT NULL,
  created_by       VARCHAR(100)   NOT NULL,
  created_at       DATETIME(6)    NOT NULL,
  CONSTRAINT uk_refund_idempotency UNIQUE (account_id, idempotency_key),
  CONSTRAINT fk_refund_charge FOREIGN KEY (charge_id) REFERENCES charge (id),
  CONSTRAINT fk_refund_account FOREIGN KEY (account_id) REFERENCES account (id),
  KEY ix_refund_charge (charge_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TRIGGER refund_immutable_update BEFORE UPDATE ON refund FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refunds are immutable';

CREATE TRIGGER refund_immutable_delete BEFORE DELETE ON refund FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refunds are immutable';

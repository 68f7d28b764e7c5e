-- The audit of admin and money actions: who (actor kind and label: a key's prefix or a person's
-- e-mail, never a secret), what, to what, when, from which address, and the state before and after
-- (JSON text). Each entry is written in the transaction of the action it records. Like the ledger,
-- entries are never changed or removed: the triggers below refuse it.
CREATE TABLE audit_entry (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  occurred_at      DATETIME(6)   NOT NULL,
  actor_kind       VARCHAR(16)   NOT NULL,
  actor            VARCHAR(254)  NOT NULL,
  source_address   VARCHAR(45)   NULL,
  action           VARCHAR(40)   NOT NULL,
  target           VARCHAR(200)  NOT NULL,
  account_id       BIGINT        NULL,
  before_state     TEXT          NULL,
  after_state      TEXT          NULL,
  idempotency_key  VARCHAR(255)  NULL,
  KEY ix_audit_entry_account (account_id, id),
  KEY ix_audit_entry_action (action, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TRIGGER audit_entry_immutable_update BEFORE UPDATE ON audit_entry FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit entries are immutable';

CREATE TRIGGER audit_entry_immutable_delete BEFORE DELETE ON audit_entry FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit entries are immutable';

-- Issue 9: a replay answers its first result, and a replay with another body is refused.

-- The digest of the usage event as the gateway sent it (hex SHA-256), written in the charge's own
-- INSERT. A requestId sent again with another digest answers 422 idempotency_key_reused. Charges
-- stored before this column have none and answer as replays.
ALTER TABLE charge ADD COLUMN fingerprint CHAR(64) CHARACTER SET ascii NULL;

-- The first answer of a subscribe or plan change sent with an Idempotency-Key: a replay answers it
-- as it was, whatever the subscription did since, and the same key with another request is refused.
CREATE TABLE subscription_answer (
  account_id       BIGINT        NOT NULL,
  idempotency_key  VARCHAR(200)  NOT NULL,
  request          VARCHAR(300)  NOT NULL,
  answer           TEXT          NOT NULL,
  created_at       DATETIME(6)   NOT NULL,
  PRIMARY KEY (account_id, idempotency_key),
  CONSTRAINT fk_subscription_answer_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

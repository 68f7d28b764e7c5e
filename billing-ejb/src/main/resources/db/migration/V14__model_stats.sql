-- Platform-wide speed of each model: per model, UTC day and duration bucket, how many calls ended
-- in the bucket and their summed duration (speed/SpeedBuckets has the bucket bounds). Written in
-- each charge's transaction by one upsert per model call (ledger/SpeedRollup), read by
-- GET /models/{id}/stats, which never scans charges.
--
-- Every call of a model on a day would add to the same row, so the rows are split into 16 shards
-- by account (account_id mod 16): concurrent charges of different accounts then mostly lock
-- different rows, and a read adds the shards up. No foreign key to model: checking it would take a
-- shared lock on the model row in every charge.
CREATE TABLE model_speed (
  model_id           VARCHAR(100) NOT NULL,
  day                DATE         NOT NULL,
  bucket             TINYINT      NOT NULL,
  shard              TINYINT      NOT NULL,
  calls              BIGINT       NOT NULL,
  total_duration_ms  BIGINT       NOT NULL,
  PRIMARY KEY (model_id, day, bucket, shard)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

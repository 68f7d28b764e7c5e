-- Failed calls and cold starts (issue 12, item 3).
-- What a failed call costs is part of a price version, beside the plugin's sheet (not inside it, so
-- the plugins' own sheet validation is untouched): a minimum and a share of the succeeded price,
-- both null when the version charges failed calls nothing.
ALTER TABLE model_price
  ADD COLUMN failed_minimum DECIMAL(19, 6) NULL,
  ADD COLUMN failed_share   DECIMAL(7, 6)  NULL;

-- A charge records how many of its calls failed and the time they waited for a GPU (queue) and for
-- the model to load (cold start): recorded, never billed. Defaults keep older charges as they were.
ALTER TABLE charge
  ADD COLUMN failed_calls   INT    NOT NULL DEFAULT 0,
  ADD COLUMN queue_ms       BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN cold_start_ms  BIGINT NOT NULL DEFAULT 0;

-- calls keeps counting every call; failed_calls counts the failed ones among them, and
-- total_duration_ms keeps the succeeded calls' duration only, so the average is theirs.
ALTER TABLE usage_rollup
  ADD COLUMN failed_calls BIGINT NOT NULL DEFAULT 0;

-- Plans and subscriptions. A subscription pays a calendar month at a time (anchored on the day it
-- started) and is granted what it paid as credits; each grant is a ledger entry keyed
-- "subscription:<id>:<period index>", unique per account, so a period is granted once however
-- often the renewal job runs.

CREATE TABLE plan (
  id              VARCHAR(32)    PRIMARY KEY,
  name            VARCHAR(100)   NOT NULL,
  position        INT            NOT NULL,
  billing_mode    VARCHAR(16)    NOT NULL,
  self_serve      BOOLEAN        NOT NULL,
  price           DECIMAL(19, 6) NOT NULL,
  credits         DECIMAL(19, 6) NOT NULL,
  -- The first intro_limit subscribers pay intro_price; intro_taken counts the slots handed out and
  -- is raised only by a conditional UPDATE (intro_taken < intro_limit), so the database decides.
  intro_price     DECIMAL(19, 6) NULL,
  intro_limit     INT            NULL,
  intro_taken     INT            NOT NULL DEFAULT 0,
  -- Metered usage allowed per period before calls are refused (429); NULL: uncapped.
  fair_use_cap    DECIMAL(19, 6) NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO plan (id, name, position, billing_mode, self_serve, price, credits, intro_price,
                  intro_limit, fair_use_cap) VALUES
  ('FREE',       'Free',       0, 'PREPAID',  FALSE,   0.00,   1.00, NULL, NULL, NULL),
  ('PERSONAL',   'Personal',   1, 'PREPAID',  TRUE,   19.00,  19.00, NULL, NULL, NULL),
  ('PRO_2024',   'Pro 2024',   2, 'PREPAID',  TRUE,   49.00,  49.00, 29.00, 1000, 500.00),
  ('PRO',        'Pro',        3, 'PREPAID',  TRUE,   59.00,  59.00, NULL, NULL, NULL),
  ('BUSINESS',   'Business',   4, 'PREPAID',  TRUE,  599.00, 599.00, NULL, NULL, NULL),
  ('ENTERPRISE', 'Enterprise', 5, 'POSTPAID', FALSE,   0.00,   0.00, NULL, NULL, NULL);

-- One row per subscription. live_account_id is the account while the subscription is PENDING,
-- ACTIVE or PAST_DUE and NULL once CANCELED: its unique key allows one live subscription per
-- account. Periods are anchor + period_index months; lease_until keeps two renewal runs from paying
-- one period at once.
CREATE TABLE subscription (
  id                    BIGINT AUTO_INCREMENT PRIMARY KEY,
  account_id            BIGINT         NOT NULL,
  live_account_id       BIGINT         NULL,
  plan_id               VARCHAR(32)    NOT NULL,
  pending_plan_id       VARCHAR(32)    NULL,
  status                VARCHAR(16)    NOT NULL,
  payment_method        VARCHAR(100)   NOT NULL,
  -- The processor's idempotency key of the first payment, so a PENDING row left by a crash
  -- between payment and grant is completed by the renewal job without paying twice.
  first_payment_key     VARCHAR(255)   NULL,
  price                 DECIMAL(19, 6) NOT NULL,
  intro_plan_id         VARCHAR(32)    NULL,
  anchor                DATETIME(6)    NOT NULL,
  period_index          INT            NOT NULL,
  current_period_start  DATETIME(6)    NOT NULL,
  current_period_end    DATETIME(6)    NOT NULL,
  price_paid            DECIMAL(19, 6) NOT NULL,
  cancel_at_period_end  BOOLEAN        NOT NULL DEFAULT FALSE,
  failed_attempts       INT            NOT NULL DEFAULT 0,
  next_attempt_at       DATETIME(6)    NULL,
  lease_until           DATETIME(6)    NULL,
  created_at            DATETIME(6)    NOT NULL,
  canceled_at           DATETIME(6)    NULL,
  CONSTRAINT uk_subscription_live UNIQUE (live_account_id),
  KEY ix_subscription_account (account_id, id),
  KEY ix_subscription_due (status, current_period_end),
  KEY ix_subscription_pending (status, anchor),
  CONSTRAINT fk_subscription_account FOREIGN KEY (account_id) REFERENCES account (id),
  CONSTRAINT fk_subscription_plan FOREIGN KEY (plan_id) REFERENCES plan (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Fair use rides on the account row the charge already updates: the cap of the account's plan
-- (NULL: uncapped), the metered usage counted since fair_use_since (the current period's start),
-- so checking and counting cost no extra statement on the gateway's hot path.
ALTER TABLE account
  ADD COLUMN fair_use_cap   DECIMAL(19, 6) NULL,
  ADD COLUMN fair_use_used  DECIMAL(19, 6) NOT NULL DEFAULT 0,
  ADD COLUMN fair_use_since DATETIME(6)    NULL;

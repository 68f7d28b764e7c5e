-- Workflow runs through the API allowed per plan period (NULL: unlimited; editor runs never count).
-- The account carries its plan's quota and the period's count beside fair use, so the charge's own
-- conditional UPDATE checks and counts them; they reset where fair use resets (a new period).
ALTER TABLE plan ADD COLUMN workflow_quota INT NULL;
UPDATE plan SET workflow_quota = 1000 WHERE id = 'PRO_2024';

ALTER TABLE account
  ADD COLUMN workflow_quota INT NULL,
  ADD COLUMN workflow_used  INT NOT NULL DEFAULT 0;
UPDATE account SET workflow_quota = 1000 WHERE plan = 'PRO_2024';

-- Monthly spend limits (NULL: none). spent counts the charges of spend_month (its first day, UTC);
-- a charge in a later month starts it again from zero in the same UPDATE, so no job resets it.
ALTER TABLE account
  ADD COLUMN spend_limit DECIMAL(19, 6) NULL,
  ADD COLUMN spend_month DATE           NULL,
  ADD COLUMN spent       DECIMAL(19, 6) NOT NULL DEFAULT 0;

ALTER TABLE api_key
  ADD COLUMN spend_limit DECIMAL(19, 6) NULL,
  ADD COLUMN spend_month DATE           NULL,
  ADD COLUMN spent       DECIMAL(19, 6) NOT NULL DEFAULT 0;

-- People who sign in to the pages. A customer owns one account; an admin owns none. The password is
-- a PBKDF2 hash in Jakarta Security's format (algorithm:iterations:salt:hash); e-mails are stored
-- lower-cased, and one e-mail signs in as one person.
CREATE TABLE web_user (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  email          VARCHAR(254) NOT NULL,
  password_hash  VARCHAR(512) NOT NULL,
  role           VARCHAR(16)  NOT NULL,
  account_id     BIGINT       NULL,
  created_at     DATETIME(6)  NOT NULL,
  CONSTRAINT uk_web_user_email UNIQUE (email),
  CONSTRAINT fk_web_user_account FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

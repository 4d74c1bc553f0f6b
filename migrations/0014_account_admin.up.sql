-- Accounts managed from the browser: a password the administrator handed
-- out (first-time or reset) must be changed at the next sign-in, and the
-- account list shows when each user last signed in.
ALTER TABLE users
    ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
    ADD COLUMN last_sign_in_at timestamptz;

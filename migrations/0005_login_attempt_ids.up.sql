-- Attempts are recorded before the password is checked (so parallel
-- attempts cannot slip past the limit) and forgotten on success: each row
-- needs an identity.
ALTER TABLE login_failures ADD COLUMN id bigserial PRIMARY KEY;

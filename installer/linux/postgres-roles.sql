-- Rokin Enroll on PostgreSQL: who may do what (docs/operations.md, "PostgreSQL").
-- The schema belongs to the owner role that ran the first start (or `enroll-admin audit verify`)
-- and with it the migrations. The servers connect as enroll_server: they read and write the
-- enrollment tables, but the audit log only grows. They cannot change or delete an audit row,
-- cannot drop its append-only trigger (only the owner can), and move the chain's head only by
-- appending. Run as the owner, after the schema exists:
--   psql -d enroll -v ON_ERROR_STOP=1 -f /usr/share/rokin-enroll/postgres-roles.sql
-- then give enroll_server its login the bank's way (password, certificate, peer) and set db.url.
CREATE ROLE enroll_server LOGIN;
GRANT SELECT ON schema_version TO enroll_server;
GRANT SELECT, INSERT, UPDATE, DELETE ON contracts, users, registration_tokens, enrollments, certificates,
    unknown_lockouts TO enroll_server;
GRANT SELECT, INSERT ON audit_log TO enroll_server;
GRANT USAGE ON SEQUENCE audit_log_id_seq TO enroll_server;
GRANT SELECT, UPDATE ON audit_head TO enroll_server;
GRANT SELECT, UPDATE ON revocation_head TO enroll_server;

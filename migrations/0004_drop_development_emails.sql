-- Emails are no longer kept aside in development: every message goes through outbox_messages, and
-- /outils/messages renders them from there.
DROP TABLE "development_emails" CASCADE;
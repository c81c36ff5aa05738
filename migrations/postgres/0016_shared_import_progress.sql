-- Where a running import has got to, written by the app server running it, so that a page
-- served by any app server sharing this database can show the progress (several app servers
-- on one PostgreSQL behind a load balancer). NULL when the job is not running or has not yet
-- counted its rows. On SQLite (one app server) the running server also keeps it in memory.
ALTER TABLE import_job ADD COLUMN rows_done BIGINT;
ALTER TABLE import_job ADD COLUMN rows_total BIGINT;

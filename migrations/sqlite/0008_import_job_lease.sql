-- Import jobs hold a lease while they run. The server running a job renews heartbeat_at every
-- few seconds; a server starting up (or tidying up while it runs) marks failed only the running
-- jobs whose heartbeat is older than the lease, so that several app servers can share one
-- database without one failing another's live import. run_token names one run of a job: an
-- overtaken run cannot record its outcome over a later one.
ALTER TABLE import_job ADD COLUMN heartbeat_at TEXT;
ALTER TABLE import_job ADD COLUMN run_token TEXT;
CREATE INDEX import_job_status ON import_job (status);

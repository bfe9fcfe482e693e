-- The durable event log of the projection (PROJECTION_CONTRACT.md): one row per distinct event id, numbered per job
-- in the order the event-consumer recorded them.
CREATE TABLE job_event (
    event_id    uuid        PRIMARY KEY,
    job_id      uuid        NOT NULL,
    seq         bigint      NOT NULL,
    type        text        NOT NULL,
    source      text        NOT NULL,
    event_time  timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    cloud_event jsonb       NOT NULL,
    CONSTRAINT job_event_job_seq_key UNIQUE (job_id, seq)
);

-- The last sequence number handed out per job. Writers bump it with INSERT ... ON CONFLICT DO UPDATE in the
-- transaction that records the events, so the row lock serialises concurrent writers of one job and numbers stay
-- gapless; it also lists every job once, which the rebuild pages through.
CREATE TABLE job_sequence (
    job_id   uuid   PRIMARY KEY,
    last_seq bigint NOT NULL
);

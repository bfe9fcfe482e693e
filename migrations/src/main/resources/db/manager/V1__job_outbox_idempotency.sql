-- Jobs as submitted. The manager never stores a job's phase: the event-consumer projects it (DESIGN.md §2).
create table manager.job (
    id                  uuid        primary key,
    created_at          timestamptz not null,
    video_title         text        not null,
    video_year          int,
    imdb_id             text,
    tmdb_id             int,
    season              int,
    episode             int,
    file_hash           text,
    video_url           text,
    language            text        not null,
    preferred_providers text[]      not null default '{}',
    format              text        not null check (format in ('srt', 'vtt')),
    hearing_impaired    boolean,
    cancel_requested_at timestamptz
);

-- GET /jobs: newest first, keyset pagination on (created_at, id).
create index job_created_at_id_idx on manager.job (created_at desc, id desc);

-- Transactional outbox: each row is one encoded CloudEvent, written in the transaction that made it true and
-- published by the relay in id order.
create table manager.outbox (
    id         bigint      generated always as identity primary key,
    event_id   uuid        not null unique,
    job_id     uuid        not null,
    type       text        not null,
    body       bytea       not null,
    created_at timestamptz not null default now(),
    sent_at    timestamptz
);

create index outbox_unsent_idx on manager.outbox (id) where sent_at is null;
-- The relay publishes a job's rows in order: a row waits while an older row of its job is unsent.
create index outbox_unsent_job_idx on manager.outbox (job_id, id) where sent_at is null;
create index outbox_sent_at_idx on manager.outbox (sent_at) where sent_at is not null;

-- Idempotency-Key header of POST /jobs: the key, a hash of the canonical request and the job it created.
create table manager.idempotency_key (
    key          text        primary key,
    request_hash text        not null,
    job_id       uuid        not null references manager.job (id) on delete cascade,
    created_at   timestamptz not null default now()
);

create index idempotency_key_created_at_idx on manager.idempotency_key (created_at);

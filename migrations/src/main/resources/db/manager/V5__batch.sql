-- Batches (POST /batches): many jobs submitted in one request and followed as a whole. The batch keeps what was asked
-- for and the order of its jobs; each job is an ordinary job that names its batch.
create table manager.batch (
    id           uuid        primary key,
    tenant       text        not null,
    created_at   timestamptz not null,
    series_title text,
    series_year  int,
    imdb_id      text,
    tmdb_id      int,
    season       int,
    language     text        not null,
    format       text        not null check (format in ('srt', 'vtt')),
    job_ids      uuid[]      not null
);

-- GET /batches: a tenant's batches, newest first, keyset pagination on (created_at, id).
create index batch_tenant_created_at_id_idx on manager.batch (tenant, created_at desc, id desc);

alter table manager.job add column batch_id uuid references manager.batch (id);

-- A batch's jobs; and the clean-up of batches whose jobs the retention deleted looks for jobs by batch.
create index job_batch_id_idx on manager.job (batch_id) where batch_id is not null;

-- Idempotency-Key header of POST /batches: per tenant, the key, a hash of the canonical request and the batch it
-- created.
create table manager.batch_idempotency_key (
    tenant       text        not null,
    key          text        not null,
    request_hash text        not null,
    batch_id     uuid        not null references manager.batch (id) on delete cascade,
    created_at   timestamptz not null,
    primary key (tenant, key)
);

create index batch_idempotency_key_created_at_idx on manager.batch_idempotency_key (created_at);

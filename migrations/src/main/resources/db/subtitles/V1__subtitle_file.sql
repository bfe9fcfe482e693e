-- Subtitle files produced by the pipeline (downloaded or machine-translated).
-- Messages carry the id of a row here, never the file body (claim check).
create table subtitles.subtitle_file (
    id             uuid        primary key,
    job_id         uuid,
    language       text        not null,
    format         text        not null check (format in ('srt', 'vtt')),
    content        text        not null,
    sha256         text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes     int         not null check (size_bytes >= 0),
    origin         text        not null,
    engine         text,
    model          text,
    source_file_id uuid        references subtitles.subtitle_file (id),
    metadata       jsonb       not null default '{}'::jsonb,
    created_at     timestamptz not null default now()
);

comment on column subtitles.subtitle_file.origin is
    'provider name for a downloaded file, or machine-translated';
comment on column subtitles.subtitle_file.size_bytes is
    'length of content encoded as UTF-8';

-- One file per job, language, format and content: a redelivered event that stores the same
-- file again gets the existing row. Rows without a job never conflict (NULLs are distinct).
-- Its leading column also serves look-ups by job id.
create unique index subtitle_file_job_content_uq
    on subtitles.subtitle_file (job_id, language, format, sha256);

create index subtitle_file_source_file_id_idx
    on subtitles.subtitle_file (source_file_id)
    where source_file_id is not null;

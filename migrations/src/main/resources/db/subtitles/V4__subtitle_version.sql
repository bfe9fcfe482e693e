-- Later versions of a done job's subtitle (docs/upgrades.md): a search after the job was done found a better match and
-- the downloader stored it as version 2, 3, ... of the job's file. Version 1 is the job's first file (the file of its
-- subtitle.ready or subtitle.translated) and has no row here.
create table subtitles.subtitle_version (
    job_id     uuid             not null,
    version    int              not null check (version >= 2),
    -- Deleted with its file (the retention deletes a job's files).
    file_id    uuid             not null references subtitles.subtitle_file (id) on delete cascade,
    provider   text             not null,
    score      double precision not null,
    -- The subtitle.upgrade.requested whose search stored it: a redelivery of that request finds its own version here
    -- and announces it again, where a later search that finds the same file finds nothing new.
    request_id uuid             not null,
    created_at timestamptz      not null default now(),
    primary key (job_id, version),
    unique (job_id, file_id)
);

comment on table subtitles.subtitle_version is
    'versions 2, 3, ... of a done job''s subtitle; version 1 is the file of its subtitle.ready or subtitle.translated';

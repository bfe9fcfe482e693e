-- Better-match upgrades (docs/upgrades.md): a done job whose subtitle scored below upgrades.score-below, or was
-- machine-translated, is searched again every upgrades.interval until upgrades.max-age after it ended. One row per such
-- job, written in the statement that settles it (JobSettlement), claimed by the scheduler (UpgradeScheduler).
create table manager.upgrade (
    job_id             uuid             primary key references manager.job (id) on delete cascade,
    -- When the job was done (settled): searches stop upgrades.max-age after it.
    finished_at        timestamptz      not null,
    -- The job's first file (version 1), from its subtitle.ready or subtitle.translated.
    original_file_id   uuid             not null,
    -- The current version as the scheduler last saw it (later versions are rows of subtitles.subtitle_version).
    version            int              not null default 1,
    -- The current version's score; null while it is machine-translated.
    score              double precision,
    machine_translated boolean          not null,
    -- Searches requested so far; the next one's number names its event (a retried round writes the same event).
    searches           int              not null default 0,
    last_searched_at   timestamptz,
    -- When the next search is due; 'infinity' once the job is left alone (past its max age, or good enough).
    next_search_at     timestamptz      not null
);

-- The scheduler's claim: the due rows, earliest first.
create index upgrade_next_search_at_idx on manager.upgrade (next_search_at);

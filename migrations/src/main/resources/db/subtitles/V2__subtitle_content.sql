-- Each distinct subtitle content once, keyed by its SHA-256. Many jobs store the same text (every job
-- that hits the same library file saves the same file), and a full copy per file row cost table, TOAST
-- and WAL space for every job.
create table subtitles.subtitle_content (
    sha256     text        primary key check (sha256 ~ '^[0-9a-f]{64}$'),
    content    text        not null,
    created_at timestamptz not null default now()
);

comment on table subtitles.subtitle_content is
    'subtitle file bodies, one row per distinct content; subtitle_file rows refer to them by sha256';
comment on column subtitles.subtitle_content.sha256 is
    'lower-case hex SHA-256 of content encoded as UTF-8';

-- Rows written from now on leave content null and find it in subtitle_content by sha256; rows
-- written before keep their content inline, and readers take the inline content when present.
alter table subtitles.subtitle_file alter column content drop not null;

comment on column subtitles.subtitle_file.content is
    'inline body of a file stored by a service built before subtitle_content existed; null otherwise';

-- No foreign key from subtitle_file.sha256 to subtitle_content, and no backfill of old rows: a
-- service built before this migration may still run against this schema (several services share
-- it and are updated one at a time), and it keeps inserting rows with inline content and no
-- subtitle_content row; a foreign key would make those inserts fail. Readers therefore left-join
-- subtitle_content and prefer the inline content, and copying old rows' content here would only
-- store it twice. The other direction does not work: a service built before this migration reads
-- a later file's content as null, so every service that loads files must be updated together.
-- Without the key nothing stops a content row from being deleted while files still refer to it: a
-- retention job deleting contents must itself check that no file refers to them.

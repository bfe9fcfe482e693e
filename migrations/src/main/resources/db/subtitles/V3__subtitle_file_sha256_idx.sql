-- The retention clean-up deletes a content row only when no file refers to it any more.
create index subtitle_file_sha256_idx on subtitles.subtitle_file (sha256);

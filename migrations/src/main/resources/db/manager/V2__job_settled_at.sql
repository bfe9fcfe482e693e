-- The deadline sweep (DeadlineSweep) settles each job once it is past its deadline: it ended (or its end is decided
-- elsewhere), or the sweep ended it as timed out. Unsettled jobs past their deadline are what the sweep looks at.
alter table manager.job add column settled_at timestamptz;

create index job_unsettled_created_at_idx on manager.job (created_at) where settled_at is null;

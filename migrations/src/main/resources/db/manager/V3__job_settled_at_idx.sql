-- The retention clean-up takes the jobs that ended longest ago first.
create index job_settled_at_idx on manager.job (settled_at) where settled_at is not null;

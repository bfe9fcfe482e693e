-- Every job belongs to the tenant of the caller that submitted it (docs/security.md); jobs from before tenants
-- existed belong to the default tenant.
alter table manager.job add column tenant text not null default 'default';

-- GET /jobs and /jobs/phase-counts: a tenant's jobs, newest first, keyset pagination on (created_at, id).
create index job_tenant_created_at_id_idx on manager.job (tenant, created_at desc, id desc);

-- The per-tenant cap on jobs in flight counts a tenant's unsettled jobs (JobsInFlight).
create index job_tenant_unsettled_idx on manager.job (tenant) where settled_at is null;

-- Idempotency keys are per tenant: two tenants using the same key make two jobs.
alter table manager.idempotency_key add column tenant text not null default 'default';
alter table manager.idempotency_key drop constraint idempotency_key_pkey;
alter table manager.idempotency_key add constraint idempotency_key_pkey primary key (tenant, key);

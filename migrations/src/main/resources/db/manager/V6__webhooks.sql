-- Webhooks (docs/webhooks.md). The manager's API writes the hooks; the event-consumer's delivery reads them, writes
-- the deliveries and attempts, and records a hook's health (failing_since, last_success_at) and its disabling.

-- A callback URL of a tenant and the event types it wants ('*' = every type).
create table manager.webhook (
    id              uuid        primary key,
    tenant          text        not null,
    url             text        not null,
    event_types     text[]      not null,
    description     text,
    -- The HMAC-SHA256 key of the signatures, shown to the owner once, when the hook is registered.
    secret          text        not null,
    created_at      timestamptz not null,
    enabled         boolean     not null default true,
    disabled_at     timestamptz,
    disabled_reason text,
    -- The first failed attempt since the last success (null when the latest attempt succeeded): the hook is disabled
    -- when a failure comes webhooks.disable-after or more after it.
    failing_since   timestamptz,
    last_success_at timestamptz
);

-- GET /hooks: a tenant's hooks, oldest first.
create index webhook_tenant_created_at_idx on manager.webhook (tenant, created_at, id);

-- One event for one hook: pending until delivered, or abandoned when its hook is disabled or deleted. The body is the
-- CloudEvent as it was on the broker (structured JSON), posted as is.
create table manager.webhook_delivery (
    hook_id         uuid        not null references manager.webhook (id) on delete cascade,
    event_id        uuid        not null,
    event_type      text        not null,
    body            bytea       not null,
    state           text        not null default 'pending' check (state in ('pending', 'delivered', 'abandoned')),
    -- Attempts started so far; the one in progress included.
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    -- Until when an instance holds the delivery for its attempt in progress; another takes it over afterwards.
    lease_until     timestamptz not null default '-infinity',
    created_at      timestamptz not null,
    finished_at     timestamptz,
    primary key (hook_id, event_id)
);

-- The due deliveries of a hook, earliest first, and its attempts in progress (the per-hook concurrency cap).
create index webhook_delivery_due_idx on manager.webhook_delivery (hook_id, next_attempt_at) where state = 'pending';
create index webhook_delivery_leased_idx on manager.webhook_delivery (hook_id, lease_until) where state = 'pending';
-- The retention clean-up takes deliveries that finished longest ago.
create index webhook_delivery_finished_at_idx on manager.webhook_delivery (finished_at) where state <> 'pending';

-- Every attempt to post an event to a hook: GET /hooks/{id}/deliveries shows the newest.
create table manager.webhook_attempt (
    id           bigint      generated always as identity primary key,
    hook_id      uuid        not null references manager.webhook (id) on delete cascade,
    event_id     uuid        not null,
    event_type   text        not null,
    attempt      int         not null,
    attempted_at timestamptz not null,
    succeeded    boolean     not null,
    -- The receiver's status, or null when none came (no connection, no answer within webhooks.timeout).
    status_code  int,
    error        text,
    latency_ms   int         not null
);

create index webhook_attempt_hook_id_idx on manager.webhook_attempt (hook_id, id desc);
create index webhook_attempt_attempted_at_idx on manager.webhook_attempt (attempted_at);

-- A job's priority (POST /jobs, POST /batches): high, normal or low; every job submitted before priorities is normal.
-- A constant default adds the column without rewriting the table.
alter table manager.job add column priority text not null default 'normal'
    check (priority in ('high', 'normal', 'low'));

-- The routing key an outbox row is published with: the type, with the priority's suffix for a high or low job's
-- request (subtitle.download.requested.high), so that it reaches that priority's work queue. Null (a row written
-- without one, as before priorities) is the type.
alter table manager.outbox add column routing_key text;

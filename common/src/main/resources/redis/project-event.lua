-- Projects one recorded event onto a job's Redis view, atomically (docs/projection.md). Called with the arguments
-- dev.subtitles.common.projection.ProjectionScript#call builds.
--
-- KEYS[1] the job hash, KEYS[2] the job's history sorted set.
-- ARGV[1] seq, ARGV[2] history entry JSON, ARGV[3] event id, ARGV[4] event type, ARGV[5] event time,
-- ARGV[6] history cap, ARGV[7] TTL in seconds, ARGV[8] pub/sub channel ('' = do not publish),
-- ARGV[9] the phase the event leads to ('' = none), ARGV[10] the transitions of this event type that change the
-- phase, computed by PhaseMachine.apply, as ';BEFORE=AFTER' pairs ('' before standing for "no phase yet"),
-- ARGV[11] '1' when the phase the event leads to is terminal ('' otherwise), ARGV[12] the event's tenant,
-- then field/value pairs the event contributes to the hash when it is the event that sets the job's phase.
--
-- The transitions come from Java so the phase order lives in one place (PhaseMachine); this script only looks up
-- the current phase, which makes the monotonic update atomic even when instances project one job at once.
-- Returns 1 when the event was projected, 0 when its history entry was already there (a redelivered duplicate),
-- and, when the event was projected and ended the job (moved it into a terminal phase), the time of the job's
-- subtitle.download.requested (its submission, the first entry of its history) as a string, '' when that entry is
-- not there (trimmed, or not projected yet): the event-consumer measures submission to end with it.
local seq = tonumber(ARGV[1])
if redis.call('ZADD', KEYS[2], seq, ARGV[2]) == 0 then
    return 0
end
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[6]) + 1))

-- A job belongs to one tenant, which every one of its events carries; the first projected event names it and no
-- later event moves the job to another.
redis.call('HSETNX', KEYS[1], 'tenant', ARGV[12])

local current = redis.call('HGET', KEYS[1], 'phase') or ''
local nextPhase = string.match(ARGV[10], ';' .. current .. '=([^;]*)')
if nextPhase then
    redis.call('HSET', KEYS[1], 'phase', nextPhase)
    if nextPhase == ARGV[9] and #ARGV > 12 then
        redis.call('HSET', KEYS[1], unpack(ARGV, 13))
    end
end

-- The "last event" fields describe the newest event by seq, whatever order the projection ran in.
local lastSeq = tonumber(redis.call('HGET', KEYS[1], 'lastSeq') or '0')
if seq > lastSeq then
    redis.call('HSET', KEYS[1], 'updatedAt', ARGV[5], 'lastEventId', ARGV[3], 'lastEventType', ARGV[4],
        'lastSeq', ARGV[1])
end

local ttl = tonumber(ARGV[7])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('EXPIRE', KEYS[2], ttl)
if ARGV[8] ~= '' then
    redis.call('PUBLISH', ARGV[8], ARGV[2])
end
if nextPhase and ARGV[11] == '1' then
    local first = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
    if first then
        local entry = cjson.decode(first)
        if entry.type == 'subtitle.download.requested' then
            return entry.time
        end
    end
    return ''
end
return 1

-- Lets the one statement that records a batch check its own answer: when another instance recorded one of the
-- batch's events between the statement's snapshot and its insert, the event is missing from the answer and a
-- sequence number was reserved for nothing. Raising then fails the whole statement (its implicit transaction rolls
-- back, no number is lost) with a serialization failure, which the caller retries; the retry finds the event
-- recorded. This keeps recording a batch at one round trip, without BEGIN and COMMIT around it.
CREATE FUNCTION require_all_recorded(expected_events bigint, found_events bigint) RETURNS boolean
    LANGUAGE plpgsql AS $$
BEGIN
    IF found_events <> expected_events THEN
        RAISE EXCEPTION 'found % of % events after recording: another instance recorded the others first',
            found_events, expected_events USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN true;
END
$$;

package dev.subtitles.eventconsumer.projection;

import dev.subtitles.common.event.JobEvent;

/**
 * An event ready for the Redis view: decoded (for its phase and result fields) and recorded (for its sequence
 * number and stored form).
 *
 * @param event the decoded event
 * @param recorded the event as the event log holds it
 */
record ProjectedEvent(JobEvent<?> event, RecordedEvent recorded) {
}

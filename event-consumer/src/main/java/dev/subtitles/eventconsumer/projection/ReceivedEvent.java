package dev.subtitles.eventconsumer.projection;

import dev.subtitles.common.event.JobEvent;

/**
 * An event as it came off the queue: decoded, and the CloudEvent JSON exactly as received, which the event log
 * stores.
 *
 * @param event the decoded event
 * @param cloudEvent the structured-mode CloudEvent JSON of the message body
 */
public record ReceivedEvent(JobEvent<?> event, String cloudEvent) {
}

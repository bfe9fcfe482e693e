package dev.subtitles.manager.repository;

/**
 * How long jobs spent in one step of one stage, from the event log: {@code queued} from the stage's request to its
 * first start, {@code running} from its first start to its result (retries included).
 *
 * @param stage {@code download} or {@code translate}
 * @param step {@code queued} or {@code running}
 * @param jobs how many jobs went through that step
 * @param medianSeconds the median time in the step (nearest rank)
 * @param p95Seconds the 95th percentile (nearest rank)
 */
public record StageTime(String stage, String step, int jobs, double medianSeconds, double p95Seconds) {
}

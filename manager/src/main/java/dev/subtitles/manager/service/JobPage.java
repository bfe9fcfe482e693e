package dev.subtitles.manager.service;

import java.util.List;

/**
 * One page of {@code GET /jobs}.
 *
 * @param nextCursor pass as {@code cursor} to get the next (older) page; {@code null} on the last page
 */
public record JobPage(List<JobView> jobs, String nextCursor) {
}

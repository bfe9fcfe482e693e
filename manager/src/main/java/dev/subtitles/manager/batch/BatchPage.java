package dev.subtitles.manager.batch;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a tenant's batches, newest first.
 *
 * @param nextCursor where the next page starts; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchPage(List<BatchSummary> batches, String nextCursor) {
}

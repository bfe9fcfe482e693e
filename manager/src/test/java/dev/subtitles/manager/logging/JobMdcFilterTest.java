package dev.subtitles.manager.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.logging.CapturedLogs;
import dev.subtitles.manager.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The job id in the MDC of the lines the manager logs for a job (its services' DEBUG lines, captured here), after the
 * PostgreSQL and Redis round trips of the request.
 */
@QuarkusTest
class JobMdcFilterTest {

    private CapturedLogs logs;

    @BeforeEach
    void capture() {
        logs = CapturedLogs.ofDebug("dev.subtitles.manager.service");
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void submissionLogsUnderTheNewJobsId() {
        UUID job = Jobs.submit("Logged submission");

        assertThat(logs.naming(job)).isNotEmpty()
                .allSatisfy(line -> assertThat(line.jobId()).as(line.message()).isEqualTo(job.toString()));
    }

    @Test
    void jobRoutesLogUnderThePathsJobId() {
        UUID job = Jobs.submit("Logged routes");

        given().get("/jobs/" + job).then().statusCode(200);
        given().get("/jobs/" + job + "/events").then().statusCode(200);
        given().delete("/jobs/" + job).then().statusCode(202);

        assertThat(logs.naming(job)).extracting(CapturedLogs.Line::message)
                .anyMatch(message -> message.startsWith("looking up job"))
                .anyMatch(message -> message.startsWith("events of job"))
                .anyMatch(message -> message.startsWith("cancelled job"));
        assertThat(logs.naming(job))
                .allSatisfy(line -> assertThat(line.jobId()).as(line.message()).isEqualTo(job.toString()));
    }
}

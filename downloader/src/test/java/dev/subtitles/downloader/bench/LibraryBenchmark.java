package dev.subtitles.downloader.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Jobs per second with the local library provider, at one and two instances. See README: Benchmark. */
@Tag("benchmark")
@QuarkusTest
@TestProfile(BenchmarkProfiles.LibraryOnly.class)
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class LibraryBenchmark {

    @Test
    void throughputWithTheLibraryProvider() throws Exception {
        BenchmarkRun.measure("library (warm-up)", 50, 1, null);
        double one = BenchmarkRun.measure("library", 300, 1, null);
        double two = BenchmarkRun.measure("library", 300, 2, BenchmarkRun.sharedConfig("library"));

        assertThat(one).isPositive();
        assertThat(two).isPositive();
    }
}

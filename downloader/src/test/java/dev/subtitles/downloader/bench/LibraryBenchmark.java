package dev.subtitles.downloader.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
        List<Double> rates = BenchmarkRun.oneThenTwoInstances("library", 300, "library");

        assertThat(rates).allSatisfy(rate -> assertThat(rate).isPositive());
    }
}

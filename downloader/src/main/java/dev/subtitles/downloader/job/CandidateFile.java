package dev.subtitles.downloader.job;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.format.Subtitle;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.format.SubtitleParseException;
import dev.subtitles.common.format.SubtitleParser;
import dev.subtitles.common.format.SubtitleWriter;
import dev.subtitles.downloader.encoding.DecodedText;
import dev.subtitles.downloader.encoding.SubtitleDecoder;
import dev.subtitles.downloader.provider.Candidate;

/**
 * Turns a downloaded file into UTF-8 text in the requested format, or rejects it: the bytes are decoded whatever
 * their charset, parsed with the shared formats (a file that does not parse is no subtitle), and written out in the
 * format the job asked for.
 */
@ApplicationScoped
public class CandidateFile {

    private static final Logger LOG = Logger.getLogger(CandidateFile.class);

    private final SubtitleDecoder decoder;
    private final SubtitleParser parser = new SubtitleParser();
    private final SubtitleWriter writer = new SubtitleWriter();

    public CandidateFile(SubtitleDecoder decoder) {
        this.decoder = decoder;
    }

    /** The file as text in {@code format}; empty when it cannot be read as a subtitle. */
    public Optional<String> normalize(Candidate candidate, byte[] bytes, SubtitleFormat format) {
        DecodedText decoded = decoder.decode(bytes, candidate.language());
        try {
            Subtitle subtitle = parser.parse(decoded.text());
            if (subtitle.cues().isEmpty()) {
                LOG.infof("Rejected %s from %s: no cues", candidate.reference(), candidate.provider());
                return Optional.empty();
            }
            LOG.debugf("Read %s from %s as %s (%s)", candidate.reference(), candidate.provider(), decoded.charset(),
                    decoded.how());
            return Optional.of(writer.write(subtitle, format));
        } catch (SubtitleParseException e) {
            LOG.infof("Rejected %s from %s: %s", candidate.reference(), candidate.provider(), e.getMessage());
            return Optional.empty();
        }
    }
}

package dev.subtitles.manager.service;

import dev.subtitles.common.format.SubtitleFormat;

/** A job's subtitle file, ready to send: its text in the asked format and the file name to offer. */
public record SubtitleDownload(String fileName, SubtitleFormat format, String content) {
}

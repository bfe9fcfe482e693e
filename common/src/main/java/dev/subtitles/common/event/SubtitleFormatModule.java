package dev.subtitles.common.event;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import dev.subtitles.common.format.SubtitleFormat;

/**
 * Writes a {@link SubtitleFormat} in payloads under its API name ({@code srt}, {@code vtt}) rather than the enum
 * constant, so events read the same as the HTTP API.
 */
final class SubtitleFormatModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    SubtitleFormatModule() {
        super("subtitle-format");
        addSerializer(SubtitleFormat.class, new Serializer());
        addDeserializer(SubtitleFormat.class, new Deserializer());
    }

    private static final class Serializer extends StdSerializer<SubtitleFormat> {

        private static final long serialVersionUID = 1L;

        Serializer() {
            super(SubtitleFormat.class);
        }

        @Override
        public void serialize(SubtitleFormat value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(value.extension());
        }
    }

    private static final class Deserializer extends StdDeserializer<SubtitleFormat> {

        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(SubtitleFormat.class);
        }

        @Override
        public SubtitleFormat deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (SubtitleFormat) context.handleUnexpectedToken(SubtitleFormat.class, parser);
            }
            String name = parser.getText();
            try {
                return SubtitleFormat.fromName(name);
            } catch (IllegalArgumentException e) {
                return (SubtitleFormat) context.handleWeirdStringValue(SubtitleFormat.class, name, e.getMessage());
            }
        }
    }
}

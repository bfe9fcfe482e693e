package dev.subtitles.manager.validation;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads every JSON string of a request body as Jackson's own deserializer does, then applies
 * {@link StorableTextValidator#isStorable(String)}: one check for every string field, list element and legacy field
 * instead of an annotation on each. Jackson adds the field's path to the failure on its way out.
 */
public class StorableTextDeserializer extends StdScalarDeserializer<String> {

    private static final long serialVersionUID = 1L;

    public StorableTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && !StorableTextValidator.isStorable(value)) {
            throw new UnstorableTextException(parser);
        }
        return value;
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
        return true;
    }
}

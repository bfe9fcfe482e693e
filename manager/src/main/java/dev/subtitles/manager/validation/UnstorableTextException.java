package dev.subtitles.manager.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A JSON string of the request body failed {@link StorableTextValidator#isStorable(String)}. */
public class UnstorableTextException extends JsonMappingException {

    private static final long serialVersionUID = 1L;

    public UnstorableTextException(JsonParser parser) {
        super(parser, StorableTextValidator.MESSAGE);
    }
}

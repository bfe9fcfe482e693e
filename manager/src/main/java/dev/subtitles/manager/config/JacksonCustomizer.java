package dev.subtitles.manager.config;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.subtitles.manager.validation.StorableTextDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;

/** Request bodies: every string is checked by {@link StorableTextDeserializer} as it is read. */
@Singleton
public class JacksonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class,
                new StorableTextDeserializer()));
    }
}

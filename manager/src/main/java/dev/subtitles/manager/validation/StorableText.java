package dev.subtitles.manager.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The value is text PostgreSQL can store and every consumer can decode (see {@link StorableTextValidator}). Request
 * bodies need no annotation: every JSON string goes through {@link StorableTextDeserializer}. This is for text that
 * does not come as JSON, such as a header; {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = StorableTextValidator.class)
@Target({ FIELD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface StorableText {

    String message() default StorableTextValidator.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

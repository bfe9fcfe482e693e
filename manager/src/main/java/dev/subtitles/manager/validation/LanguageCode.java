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

/** The value is a language tag {@link LanguageTags} accepts; {@code null} is valid (use {@code @NotBlank}). */
@Documented
@Constraint(validatedBy = LanguageCodeValidator.class)
@Target({ FIELD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface LanguageCode {

    String message() default "must be an ISO 639-1 or ISO 639-2/B language code, optionally with a region"
            + " (e.g. en, pt-BR, fre)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

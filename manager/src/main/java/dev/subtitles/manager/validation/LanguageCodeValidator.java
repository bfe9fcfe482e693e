package dev.subtitles.manager.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link LanguageCode}. */
public class LanguageCodeValidator implements ConstraintValidator<LanguageCode, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || value.isBlank() || LanguageTags.canonical(value).isPresent();
    }
}

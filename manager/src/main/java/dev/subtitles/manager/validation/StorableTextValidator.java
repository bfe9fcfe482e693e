package dev.subtitles.manager.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * The one check of what text the pipeline can carry: no NUL character (PostgreSQL's {@code text} cannot hold one,
 * 22021) and no unpaired UTF-16 surrogate (it has no UTF-8 encoding; PostgreSQL's {@code jsonb} refuses its
 * {@code \ud800} escape, 22P02, so the event-consumer could never record the job's events). Such input is refused
 * with 400 before anything is written, instead of a 500 or a job whose events nobody can store.
 */
public class StorableTextValidator implements ConstraintValidator<StorableText, String> {

    /** What is wrong with text that fails the check, worded for the client. */
    public static final String MESSAGE = "must not contain a NUL character or an unpaired UTF-16 surrogate";

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || isStorable(value);
    }

    /** Whether {@code value} has neither a NUL character nor a surrogate without its pair. */
    public static boolean isStorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}

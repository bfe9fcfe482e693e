package dev.subtitles.manager.rest.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.subtitles.manager.service.InvalidQueryException;
import dev.subtitles.manager.validation.UnstorableTextException;

/** Problems with what the client sent: 400 with every offending field listed. */
public class InputProblemMappers {

    private static final String KIND = "invalid-request";
    private static final String TITLE = "Invalid request";
    /** Resource method parameters bound to a header, by Java name: the client knows them by the header's name. */
    private static final Map<String, String> HEADER_PARAMETERS = Map.of("idempotencyKey", "Idempotency-Key");

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return Problems.of(400, KIND, TITLE, errors.size() + " field(s) are invalid, see errors", uri, errors);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidQuery(InvalidQueryException e, UriInfo uri) {
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(e.parameter(), e.getMessage()));
        return Problems.of(400, KIND, TITLE, "query parameter " + e.parameter() + " " + e.getMessage(), uri, errors);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadableJson(JsonProcessingException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    /** Overrides the REST layer's own mapper for this subtype, which answers in its own format. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    /** Also used for the REST layer's 400 that wraps a Jackson failure to read the body. */
    static RestResponse<Problem> unreadable(JsonProcessingException e, UriInfo uri) {
        String field = "";
        JsonMappingException mapping = null;
        for (Throwable cause = e; cause != null && field.isEmpty(); cause = cause.getCause()) {
            if (cause instanceof JsonMappingException found) {
                mapping = found;
                field = jsonPath(found);
            }
        }
        String message = e.getOriginalMessage();
        if (field.isEmpty()) {
            return Problems.of(400, KIND, TITLE, "the body is not valid JSON: " + message, uri, null);
        }
        if (mapping instanceof UnstorableTextException unstorable) {
            return Problems.of(400, KIND, TITLE, "field " + field + " " + unstorable.getOriginalMessage(), uri,
                    List.of(new Problem.FieldError(field, unstorable.getOriginalMessage())));
        }
        return Problems.of(400, KIND, TITLE, "field " + field + " has a value of the wrong type", uri,
                List.of(new Problem.FieldError(field, "has the wrong type or format")));
    }

    /**
     * The path below the method parameter: {@code video.title}, {@code preferredProviders[1]}, or {@code body}; for
     * a constraint on a parameter itself, the name the client sent it under ({@code Idempotency-Key}).
     */
    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.METHOD
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getIndex() != null && field.length() > 0 && node.isInIterable()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            field.append(field.length() == 0 ? "" : ".").append(node.getName());
        }
        if (field.length() == 0) {
            return HEADER_PARAMETERS.getOrDefault(parameter, "body");
        }
        return field.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

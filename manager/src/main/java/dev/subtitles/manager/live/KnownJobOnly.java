package dev.subtitles.manager.live;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a resource method whose {@code {id}} must name a known job before the method runs: a streaming response
 * commits its status when it starts, too early to answer 404 from inside the stream. See {@link KnownJobFilter}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface KnownJobOnly {
}

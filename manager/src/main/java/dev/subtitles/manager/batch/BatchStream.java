package dev.subtitles.manager.batch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a resource method that streams a batch's progress: {@link BatchStreamAdmission} admits the client before it
 * runs, because a streaming response commits its status when it starts, too early to answer 404 or 429 from inside it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface BatchStream {
}

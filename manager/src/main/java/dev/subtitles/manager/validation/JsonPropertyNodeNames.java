package dev.subtitles.manager.validation;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;

/**
 * Makes validation errors name fields as they are spelled in JSON ({@code video_title} of the compatibility API),
 * not as the Java record spells them, so a client can find the field it sent.
 */
@ApplicationScoped
public class JsonPropertyNodeNames implements ValidatorFactoryCustomizer, PropertyNodeNameProvider {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(this);
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty beanProperty) {
            try {
                JsonProperty json = beanProperty.getDeclaringClass().getDeclaredField(property.getName())
                        .getAnnotation(JsonProperty.class);
                if (json != null && !json.value().isEmpty()) {
                    return json.value();
                }
            } catch (NoSuchFieldException e) {
                return property.getName();
            }
        }
        return property.getName();
    }
}

package dev.subtitles.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The tenant of the request's caller. Read without blocking: with authentication deferred to the routes that need it
 * ({@code quarkus.http.auth.proactive=false}) the identity may still be on its way.
 */
@ApplicationScoped
public class CallerTenant {

    private final CurrentIdentityAssociation identities;

    public CallerTenant(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** The caller's tenant; fails with {@link ForbiddenException} when the caller has none. */
    public Uni<String> get() {
        return identities.getDeferredIdentity().map(CallerTenant::of);
    }

    /** The tenant of {@code identity}; fails with {@link ForbiddenException} when it has none. */
    public static String of(SecurityIdentity identity) {
        String tenant = TenantIdentity.tenantOf(identity);
        if (tenant == null) {
            throw new ForbiddenException("the caller has no tenant");
        }
        return tenant;
    }
}

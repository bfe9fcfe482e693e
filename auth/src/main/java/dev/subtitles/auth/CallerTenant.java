package dev.subtitles.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
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

    /** The caller's tenant; fails as {@link #of(SecurityIdentity)} does. */
    public Uni<String> get() {
        return identities.getDeferredIdentity().map(CallerTenant::of);
    }

    /**
     * The tenant of {@code identity}; fails with {@link UnauthorizedException} for an anonymous caller, with
     * {@link ForbiddenException} for one without a tenant.
     */
    public static String of(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        String tenant = TenantIdentity.tenantOf(identity);
        if (tenant == null) {
            throw new ForbiddenException("the caller has no tenant");
        }
        return tenant;
    }
}

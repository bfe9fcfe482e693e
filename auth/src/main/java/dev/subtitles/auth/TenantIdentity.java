package dev.subtitles.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.subtitles.common.tenant.Tenants;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives each authenticated caller its tenant, from the token claim {@code subtitles.auth.tenant-claim}, as the
 * identity attribute {@link #TENANT}. A token whose claim is missing or not a valid tenant id keeps no role, so every
 * protected route refuses it with 403.
 */
@ApplicationScoped
public class TenantIdentity implements SecurityIdentityAugmentor {

    /** The identity attribute holding the caller's tenant. */
    public static final String TENANT = "tenant";

    private final String claim;

    public TenantIdentity(AuthConfig config) {
        this.claim = config.tenantClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object tenant = token.getClaim(claim);
        QuarkusSecurityIdentity.Builder builder;
        if (tenant instanceof String name && Tenants.isValid(name)) {
            builder = QuarkusSecurityIdentity.builder(identity).addAttribute(TENANT, name);
        } else {
            builder = QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal())
                    .addCredentials(identity.getCredentials()).addAttributes(identity.getAttributes());
        }
        return Uni.createFrom().item(builder.build());
    }

    /** The tenant of an identity this augmentor or {@link AuthOffMechanism} made; {@code null} for anyone else. */
    static String tenantOf(SecurityIdentity identity) {
        return identity.getAttribute(TENANT);
    }
}

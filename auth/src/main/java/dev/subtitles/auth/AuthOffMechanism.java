package dev.subtitles.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.tenant.Tenants;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code subtitles.auth.mode=off}: every request acts as tenant {@code default} with every role, whatever it carries.
 * Tried before the bearer token mechanism (higher priority), which never runs then. With {@code jwt} it authenticates
 * nobody. See {@link AuthModeCheck} for what the start says about either mode.
 */
@ApplicationScoped
public class AuthOffMechanism implements HttpAuthenticationMechanism {

    private static final SecurityIdentity EVERYONE = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("auth-off")).addRoles(Roles.ALL)
            .addAttribute(TenantIdentity.TENANT, Tenants.DEFAULT).build();

    private final boolean off;

    public AuthOffMechanism(AuthConfig config) {
        this.off = config.mode() == AuthConfig.Mode.OFF;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return off ? Uni.createFrom().item(EVERYONE) : Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}

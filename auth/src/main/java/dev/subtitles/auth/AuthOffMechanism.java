package dev.subtitles.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.subtitles.common.tenant.Tenants;
import io.quarkus.runtime.StartupEvent;
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
 * {@code subtitles.auth.mode=off}: every request acts as tenant {@code default} with every role, whatever it carries,
 * and the service warns at start. Tried before the bearer token mechanism (higher priority), which never runs then.
 * With {@code jwt} it authenticates nobody, and the start fails when no public key is configured, rather than
 * refusing every request later.
 */
@ApplicationScoped
public class AuthOffMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(AuthOffMechanism.class);
    /** smallrye-jwt's value for "no key location". */
    private static final String NO_KEY = "NONE";
    private static final SecurityIdentity EVERYONE = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("auth-off")).addRoles(Roles.ALL)
            .addAttribute(TenantIdentity.TENANT, Tenants.DEFAULT).build();

    private final boolean off;

    public AuthOffMechanism(AuthConfig config) {
        this.off = config.mode() == AuthConfig.Mode.OFF;
    }

    void checkAtStart(@Observes StartupEvent start) {
        if (off) {
            LOG.warn("Authentication is OFF (subtitles.auth.mode=off, AUTH=off): every request acts as tenant"
                    + " 'default' with every role. For development only.");
            return;
        }
        var config = ConfigProvider.getConfig();
        if (NO_KEY.equals(config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).orElse(NO_KEY))
                && NO_KEY.equals(config.getOptionalValue("mp.jwt.verify.publickey", String.class).orElse(NO_KEY))) {
            throw new IllegalStateException("subtitles.auth.mode is jwt but no public key to verify tokens with:"
                    + " set AUTH_PUBLIC_KEY (a PEM, JWK or JWKS file or URL), or AUTH=off for development");
        }
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

package dev.subtitles.manager.auth;

import java.util.HashMap;
import java.util.Map;

import dev.subtitles.auth.testing.JwtOn;

/** Authentication on, and a cap of {@link #JOBS_IN_FLIGHT} jobs in flight per tenant that a test can reach. */
public class AuthProfile extends JwtOn {

    static final int JOBS_IN_FLIGHT = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("manager.limits.jobs-in-flight", Integer.toString(JOBS_IN_FLIGHT));
        return config;
    }
}

package dev.subtitles.manager.support;

import dev.subtitles.common.testing.TcpProxy;

/**
 * The manager's links to the shared servers, each through a {@link TcpProxy} of {@link TestInfrastructure}: a test
 * cuts one to take that server away from the manager alone, and restores it (in a {@code finally}).
 */
public enum ServerLink {

    BROKER("manager-test.broker-proxy.control-port"),
    REDIS("manager-test.redis-proxy.control-port"),
    POSTGRESQL("manager-test.postgresql-proxy.control-port");

    private final String controlPortKey;

    ServerLink(String controlPortKey) {
        this.controlPortKey = controlPortKey;
    }

    /** The system property holding the proxy's control port. */
    String controlPortKey() {
        return controlPortKey;
    }

    /** Closes every connection to the server and refuses new ones. */
    public void cut() {
        TcpProxy.command(controlPort(), "cut");
    }

    /** Lets connections through again. */
    public void restore() {
        TcpProxy.command(controlPort(), "restore");
    }

    private int controlPort() {
        return Integer.parseInt(System.getProperty(controlPortKey));
    }
}

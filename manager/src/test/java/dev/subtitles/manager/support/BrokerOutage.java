package dev.subtitles.manager.support;

import dev.subtitles.common.testing.TcpProxy;

/** Cuts and restores the manager's connection to the broker (see {@link TestInfrastructure}). */
public final class BrokerOutage {

    private BrokerOutage() {
    }

    public static void begin() {
        TcpProxy.command(controlPort(), "cut");
    }

    public static void end() {
        TcpProxy.command(controlPort(), "restore");
    }

    private static int controlPort() {
        return Integer.parseInt(System.getProperty(TestInfrastructure.CONTROL_PORT_KEY));
    }
}

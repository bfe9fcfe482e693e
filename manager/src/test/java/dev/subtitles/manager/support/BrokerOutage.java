package dev.subtitles.manager.support;

/** Cuts and restores the manager's connection to the broker (see {@link TestInfrastructure}). */
public final class BrokerOutage {

    private BrokerOutage() {
    }

    public static void begin() {
        ServerLink.BROKER.cut();
    }

    public static void end() {
        ServerLink.BROKER.restore();
    }
}

package io.eventyard.broker.amqp.handler;

/** The version the broker announces in connection.start, from the jar's manifest when there is one. */
final class BrokerVersion {

    static final String VERSION = versionFromManifest();

    private BrokerVersion() {
    }

    private static String versionFromManifest() {
        String version = BrokerVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
